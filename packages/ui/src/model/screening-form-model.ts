// Messages for the screening inputs in the words of the form (GOV.UK: say what to do, name the field
// as labelled). The domain's messages name the API fields; these say the same to the person typing.
import { GCP2_AREAS } from '@mac/domain';

export function screeningMessage(field: 'riskLevel' | 'score' | 'areaGrades', message: string): string | null {
  if (field === 'score') {
    return /0 to 27|whole number/.test(message) ? 'Enter the number of yes answers as a whole number from 0 to 27' : null;
  }
  if (field === 'riskLevel') {
    if (/must be "high"/.test(message)) return 'Select high: the checklist has 14 or more yes answers';
    if (/must be one of/.test(message)) return 'Select the risk level recorded';
    return null;
  }
  const missing = /:\s*(.+?) (?:has|have) no grade/.exec(message);
  if (missing) {
    const names = missing[1]!.split(', ').map((slug) => GCP2_AREAS.find((a) => a.slug === slug)?.label.toLowerCase() ?? slug);
    return `Choose a grade for ${names.join(', ')}`;
  }
  if (/must give a grade/.test(message)) return 'Choose a grade for every area';
  return null;
}
