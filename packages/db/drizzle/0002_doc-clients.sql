CREATE TABLE `doc_clients` (
	`doc_name` text NOT NULL,
	`client_id` integer NOT NULL,
	`principal_id` text NOT NULL,
	`claimed_at` text NOT NULL,
	PRIMARY KEY(`doc_name`, `client_id`)
);
