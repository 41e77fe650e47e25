// The reference vocabulary (agency kinds and entry categories), copied from the shared spec's
// taxonomy.json so that the package reads nothing outside itself at run time. Slugs are stable
// identifiers used by the CSV exchange format, the API and the pattern rules: never rename one.

export const AGENCY_KINDS = [
  { slug: 'police', label: 'Police', cinReferralSource: '6' },
  { slug: 'education', label: 'School or education setting', cinReferralSource: '2A' },
  { slug: 'education-services', label: 'Local authority education services', cinReferralSource: '2B' },
  { slug: 'health-visiting', label: 'Health visiting', cinReferralSource: '3B' },
  { slug: 'school-nursing', label: 'School nursing', cinReferralSource: '3C' },
  { slug: 'gp', label: 'GP / primary care', cinReferralSource: '3A' },
  { slug: 'acute-health', label: 'Acute hospital / A&E', cinReferralSource: '3E' },
  { slug: 'camhs', label: 'Child and adolescent mental health services', cinReferralSource: '3F' },
  { slug: 'childrens-social-care', label: "Children's social care", cinReferralSource: '5A' },
  { slug: 'early-help', label: 'Early help / targeted family support', cinReferralSource: '5D' },
  { slug: 'probation', label: 'Probation', cinReferralSource: '7' },
  { slug: 'youth-justice', label: 'Youth justice and exploitation service', cinReferralSource: '7' },
  { slug: 'lado', label: 'Local Authority Designated Officer', cinReferralSource: '5C' },
  { slug: 'domestic-abuse-service', label: 'Domestic abuse service', cinReferralSource: '8' },
  { slug: 'housing', label: 'Housing', cinReferralSource: '4' },
  { slug: 'other', label: 'Other agency', cinReferralSource: '8' },
] as const;

export type AgencyKind = (typeof AGENCY_KINDS)[number];
export type AgencyKindSlug = AgencyKind['slug'];

export const CATEGORY_GROUPS = [
  { slug: 'family', label: 'Family and household' },
  { slug: 'harm', label: 'Abuse, neglect and injury' },
  { slug: 'exploitation', label: 'Missing, exploitation and offending' },
  { slug: 'health', label: 'Health' },
  { slug: 'education', label: 'Education' },
  { slug: 'statutory', label: 'Referrals and statutory processes' },
  { slug: 'strengths', label: 'Strengths and positive change' },
  { slug: 'other', label: 'Other' },
] as const;

export type CategoryGroup = (typeof CATEGORY_GROUPS)[number]['slug'];

export interface Category {
  readonly slug: CategorySlug;
  readonly label: string;
  readonly group: CategoryGroup;
  /** Counts as a safeguarding concern for the frequency pattern rules. */
  readonly concern: boolean;
  /** A strength or turning point, which a chronology must record as well as concerns. */
  readonly positive: boolean;
  /** Nearest Children in Need census factor code, where one exists. */
  readonly cin?: string;
  /** One sentence for a form's hint text. */
  readonly description: string;
}

// Rows are checked against a shape with a plain string slug, so that CategorySlug can be derived from them
// without a circular type; `as const` keeps the literal slugs.
type CategoryRow = Omit<Category, 'slug'> & { readonly slug: string };

const CATEGORY_ROWS = [
  {
    slug: 'domestic-abuse-incident', label: 'Domestic abuse incident', group: 'family', concern: true, positive: false, cin: '3A-3C',
    description: 'An incident of abuse between adults in the household or family that the child lived with, saw or heard.',
  },
  {
    slug: 'parental-mental-health', label: 'Parent/carer mental health concern', group: 'family', concern: true, positive: false, cin: '4A-4C',
    description: "A parent's or carer's mental ill health that may affect their care of the child.",
  },
  {
    slug: 'parental-substance-misuse', label: 'Parent/carer alcohol or drug misuse', group: 'family', concern: true, positive: false, cin: '1A-2C',
    description: "A parent's or carer's misuse of alcohol or drugs that may affect their care of the child.",
  },
  {
    slug: 'domestic-abuse-risk-assessment', label: 'Domestic abuse risk checklist (DASH)', group: 'family', concern: false, positive: false,
    description: 'A domestic abuse risk checklist was completed with the adult victim; record the number of yes answers and the risk level.',
  },
  {
    slug: 'marac-referral', label: 'MARAC referral', group: 'family', concern: false, positive: false,
    description: 'The adult victim of domestic abuse in the household was referred to the multi-agency risk assessment conference (MARAC).',
  },
  {
    slug: 'new-adult-in-household', label: "New adult in household or in the child's life", group: 'family', concern: false, positive: false,
    description: "A new partner, lodger or other adult who has moved in or become significant in the child's life; record who, as far as known.",
  },
  {
    slug: 'housing-change', label: 'Change of address, homelessness or housing crisis', group: 'family', concern: false, positive: false,
    description: 'A house move, eviction, homelessness, temporary accommodation or another housing crisis for the child or family.',
  },
  {
    slug: 'neglect-concern', label: 'Neglect concern', group: 'harm', concern: true, positive: false, cin: '16A',
    description: "A persistent failure to meet the child's basic physical or emotional needs, such as food, clothing, hygiene, supervision or medical care.",
  },
  {
    slug: 'neglect-assessment', label: 'Neglect assessment (Graded Care Profile 2)', group: 'harm', concern: false, positive: false,
    description: 'A Graded Care Profile 2 assessment of the care the child receives; record the grade (1 to 5) of each area.',
  },
  {
    slug: 'physical-abuse-concern', label: 'Physical abuse concern', group: 'harm', concern: true, positive: false, cin: '18B-18C',
    description: 'A concern that the child has been hit, shaken, burned or otherwise physically harmed by someone.',
  },
  {
    slug: 'sexual-abuse-concern', label: 'Sexual abuse concern', group: 'harm', concern: true, positive: false, cin: '19B-19C',
    description: 'A concern that the child has been involved in sexual activity, contact or non-contact, that they cannot consent to.',
  },
  {
    slug: 'emotional-abuse-concern', label: 'Emotional abuse concern', group: 'harm', concern: true, positive: false, cin: '17A',
    description: 'A concern about persistent emotional ill-treatment, such as rejection, humiliation, threats or exposure to frightening situations.',
  },
  {
    slug: 'injury', label: 'Injury to the child (incl. bruising)', group: 'harm', concern: true, positive: false,
    description: 'An injury or bruise seen on the child, with where it was, how it was explained and by whom.',
  },
  {
    // Not in the shared exchange vocabulary: added for the family rule `sibling-previously-on-plan`
    // (a sibling who died or was seriously harmed is the gravest cumulative-harm signal there is).
    slug: 'serious-harm-or-death', label: 'Child died or was seriously harmed', group: 'harm', concern: true, positive: false,
    description: 'The child died or was seriously harmed (a life-threatening injury or lasting impairment) where abuse or neglect is known or suspected; the event was notified to the safeguarding partners.',
  },
  {
    slug: 'missing-episode', label: 'Missing from home or care', group: 'exploitation', concern: true, positive: false, cin: '10A',
    description: 'The child was missing from home, care or school, or away without permission; record how long and where they were found.',
  },
  {
    slug: 'exploitation-concern', label: 'Criminal, sexual or online exploitation concern (incl. county lines)', group: 'exploitation', concern: true, positive: false, cin: '11A/13A/24A',
    description: 'A concern that the child is being groomed, coerced or used by others for crime, sex or gain, in person or online.',
  },
  {
    slug: 'radicalisation-concern', label: 'Radicalisation concern', group: 'exploitation', concern: true, positive: false,
    description: 'A concern that the child is being drawn into extremist views or activity, including a Prevent referral.',
  },
  {
    slug: 'arrest-or-offence', label: 'Child arrested, charged or involved in an offence', group: 'exploitation', concern: true, positive: false,
    description: 'The child was arrested, charged, cautioned, or involved in an offence as a suspect, victim or witness.',
  },
  {
    slug: 'return-home-interview', label: 'Return home interview', group: 'exploitation', concern: false, positive: false,
    description: 'An independent return home interview after a missing episode was offered or held; record what the child said, or that they declined.',
  },
  {
    slug: 'exploitation-screening', label: 'Exploitation screening', group: 'exploitation', concern: false, positive: false,
    description: "The partnership's exploitation screening tool was completed for the child; record the risk level it found.",
  },
  {
    slug: 'self-harm', label: 'Self-harm', group: 'health', concern: true, positive: false, cin: '15A',
    description: 'The child harmed themselves, or disclosed self-harm or thoughts of suicide.',
  },
  {
    slug: 'child-mental-health', label: 'Child mental health concern (incl. eating disorder)', group: 'health', concern: true, positive: false,
    description: "A concern about the child's own mental health, such as low mood, anxiety or disordered eating.",
  },
  {
    slug: 'emergency-department-attendance', label: 'A&E / emergency department attendance', group: 'health', concern: false, positive: false,
    description: 'The child attended A&E or an urgent care centre; record the reason given and who brought them.',
  },
  {
    slug: 'missed-health-appointment', label: 'Was not brought to a health appointment', group: 'health', concern: true, positive: false,
    description: 'The child was not brought to a health appointment, immunisation or review that had been arranged for them.',
  },
  {
    slug: 'health-assessment', label: 'Health assessment or review', group: 'health', concern: false, positive: false,
    description: "A health check, developmental review or health assessment of the child, with what it found.",
  },
  {
    slug: 'camhs-referral', label: 'Referral to or contact with CAMHS', group: 'health', concern: false, positive: false,
    description: 'The child was referred to, assessed by or seen by child and adolescent mental health services.',
  },
  {
    slug: 'school-absence', label: 'Poor or falling school attendance', group: 'education', concern: true, positive: false,
    description: "The child's school attendance is poor or falling, including persistent lateness or unexplained absence.",
  },
  {
    slug: 'exclusion', label: 'Suspension or permanent exclusion', group: 'education', concern: true, positive: false,
    description: 'The child was suspended (fixed-term excluded) or permanently excluded from school.',
  },
  {
    slug: 'elective-home-education', label: 'Elective home education started', group: 'education', concern: false, positive: false,
    description: 'The parents withdrew the child from school to educate them at home.',
  },
  {
    slug: 'children-missing-education', label: 'Child missing education', group: 'education', concern: true, positive: false,
    description: 'The child is of compulsory school age and not on a school roll or receiving suitable education elsewhere.',
  },
  {
    slug: 'police-attendance', label: 'Police attendance or notification (non-DA)', group: 'statutory', concern: true, positive: false,
    description: 'Police attended the home or notified a concern about the child, other than for domestic abuse.',
  },
  {
    slug: 'referral-to-social-care', label: "Contact or referral to children's social care / MASH", group: 'statutory', concern: true, positive: false,
    description: "A contact or referral about the child was made to children's social care or the MASH; record who referred and the outcome.",
  },
  {
    slug: 'early-help-assessment', label: 'Early help assessment (strengths and needs)', group: 'statutory', concern: false, positive: false,
    description: "An early help assessment or family support plan was started, reviewed or closed.",
  },
  {
    slug: 'strategy-discussion', label: 'Strategy discussion', group: 'statutory', concern: true, positive: false,
    description: 'A strategy discussion or meeting was held about the child; record who took part and what was decided.',
  },
  {
    slug: 'section-47-enquiry', label: 'Section 47 enquiry', group: 'statutory', concern: false, positive: false,
    description: 'A child protection enquiry under section 47 of the Children Act 1989 was started or concluded; record its outcome when known.',
  },
  {
    slug: 'paediatric-assessment', label: 'Paediatric assessment (incl. child protection medical)', group: 'health', concern: false, positive: false,
    description: 'A paediatrician assessed the child, such as a child protection medical after an injury; record what it found.',
  },
  {
    slug: 'child-protection-conference', label: 'Child protection conference', group: 'statutory', concern: false, positive: false,
    description: 'An initial or review child protection conference took place; record the decision.',
  },
  {
    slug: 'child-protection-plan-start', label: 'Child protection plan started', group: 'statutory', concern: false, positive: false,
    description: 'The child became subject to a child protection plan; record the category of abuse.',
  },
  {
    slug: 'child-protection-plan-end', label: 'Child protection plan ended', group: 'statutory', concern: false, positive: false,
    description: "The child's child protection plan ended; record why and what support continues.",
  },
  {
    slug: 'child-in-need-plan-start', label: 'Child in need plan started', group: 'statutory', concern: false, positive: false,
    description: 'The child became subject to a child in need plan (section 17); record the needs it addresses.',
  },
  {
    slug: 'child-in-need-plan-end', label: 'Child in need plan ended', group: 'statutory', concern: false, positive: false,
    description: "The child's child in need plan ended; record why and what support continues.",
  },
  {
    slug: 'case-closed', label: 'Case closed', group: 'statutory', concern: false, positive: false,
    description: 'Social care or early help closed the case; say why in the summary: no further action, stepped down to early help, or plan ended.',
  },
  {
    slug: 'became-looked-after', label: 'Child became looked after', group: 'statutory', concern: false, positive: false,
    description: 'The child came into the care of the local authority, by agreement or by court order.',
  },
  {
    slug: 'lado-allegation', label: 'Allegation against an adult in a position of trust (LADO)', group: 'statutory', concern: true, positive: false,
    description: 'An allegation that an adult working or volunteering with children has harmed, or may pose a risk to, this child.',
  },
  {
    slug: 'positive-change', label: 'Strength, protective factor or positive change', group: 'strengths', concern: false, positive: true,
    description: "Something that protects the child or shows things improving, such as engagement with support or a safe adult in the child's life.",
  },
  {
    slug: 'other', label: 'Other significant event', group: 'other', concern: false, positive: false,
    description: 'A significant event for the child that fits no other category; say in the summary why it matters.',
  },
] as const satisfies readonly CategoryRow[];

export type CategorySlug = (typeof CATEGORY_ROWS)[number]['slug'];

export const CATEGORIES: readonly Category[] = CATEGORY_ROWS;

const bySlug: ReadonlyMap<string, Category> = new Map(CATEGORIES.map((c) => [c.slug, c]));
const byKey: ReadonlyMap<string, Category> = new Map(
  CATEGORIES.flatMap((c) => [
    [c.slug, c],
    [c.label.toLowerCase(), c],
  ]),
);

export function categoryBySlug(slug: string): Category | undefined {
  return bySlug.get(slug);
}

export function isCategorySlug(slug: string): slug is CategorySlug {
  return bySlug.has(slug);
}

/** A category by its slug or label, ignoring case and surrounding spaces (as the CSV format allows). */
export function findCategory(slugOrLabel: string): Category | undefined {
  return byKey.get(slugOrLabel.trim().toLowerCase());
}

/** False for unknown slugs: an unknown category never counts towards a concern rule. */
export function isConcern(slug: string): boolean {
  return bySlug.get(slug)?.concern ?? false;
}

export function categoriesInGroup(group: CategoryGroup): readonly Category[] {
  return CATEGORIES.filter((c) => c.group === group);
}

export function agencyKindBySlug(slug: string): AgencyKind | undefined {
  return AGENCY_KINDS.find((k) => k.slug === slug);
}

/** An organisation of the partnership; entries, users and memberships name it by slug. */
export interface Agency {
  slug: string;
  name: string;
  kind: AgencyKindSlug;
}

/** An agency by slug or name, ignoring case and surrounding spaces. */
export function findAgency<A extends Agency>(agencies: readonly A[], slugOrName: string): A | undefined {
  const key = slugOrName.trim().toLowerCase();
  if (key === '') return undefined;
  return agencies.find((a) => a.slug.toLowerCase() === key) ?? agencies.find((a) => a.name.trim().toLowerCase() === key);
}
