CREATE TABLE "camp_files" (
	"camp_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"yaml" text COLLATE "C" NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "console_login_states" (
	"state" text COLLATE "C" PRIMARY KEY NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"camp_id" text COLLATE "C" NOT NULL,
	"state" text COLLATE "C" NOT NULL,
	"processed" bigint NOT NULL,
	"total" bigint NOT NULL,
	"recorded" bigint NOT NULL,
	"duplicates" bigint NOT NULL,
	"error" text COLLATE "C",
	"lines" text COLLATE "C" NOT NULL,
	"started_by" text COLLATE "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quiz_answers" (
	"camp_id" text COLLATE "C" NOT NULL,
	"quiz_id" text COLLATE "C" NOT NULL,
	"userid" text COLLATE "C" NOT NULL,
	"question_id" text COLLATE "C" NOT NULL,
	"choices" text COLLATE "C" NOT NULL,
	"saved_at" bigint NOT NULL,
	CONSTRAINT "quiz_answers_camp_id_quiz_id_userid_question_id_pk" PRIMARY KEY("camp_id","quiz_id","userid","question_id")
);
--> statement-breakpoint
CREATE TABLE "quiz_attempts" (
	"camp_id" text COLLATE "C" NOT NULL,
	"quiz_id" text COLLATE "C" NOT NULL,
	"userid" text COLLATE "C" NOT NULL,
	"started_at" bigint NOT NULL,
	"deadline" bigint NOT NULL,
	"submitted_at" bigint,
	"reason" text COLLATE "C",
	"earned" double precision,
	"score" double precision,
	"event_id" bigint,
	CONSTRAINT "quiz_attempts_camp_id_quiz_id_userid_pk" PRIMARY KEY("camp_id","quiz_id","userid")
);
--> statement-breakpoint
CREATE TABLE "quizzes" (
	"camp_id" text COLLATE "C" NOT NULL,
	"id" text COLLATE "C" NOT NULL,
	"definition" text COLLATE "C" NOT NULL,
	"uploaded_by" text COLLATE "C" NOT NULL,
	"uploaded_at" bigint NOT NULL,
	CONSTRAINT "quizzes_camp_id_id_pk" PRIMARY KEY("camp_id","id")
);
--> statement-breakpoint
ALTER TABLE "camp_files" ADD CONSTRAINT "camp_files_camp_id_camps_id_fk" FOREIGN KEY ("camp_id") REFERENCES "camps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quizzes" ADD CONSTRAINT "quizzes_camp_id_camps_id_fk" FOREIGN KEY ("camp_id") REFERENCES "camps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "console_login_states_expiry" ON "console_login_states" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "import_jobs_camp" ON "import_jobs" USING btree ("camp_id");--> statement-breakpoint
CREATE INDEX "quiz_attempts_open" ON "quiz_attempts" USING btree ("deadline") WHERE "quiz_attempts"."submitted_at" IS NULL;