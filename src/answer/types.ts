import type { IngestedDocumentSummary } from '../ingest/ingestReports.js';
import type { Answer } from './schema.js';

/** One report held in the store, as `/nguon` lists it. */
export interface SourceSummary {
  file: string;
  title: string;
  province: string | null;
  period: string | null;
  year: number | null;
  passages: number;
  figures: number;
  source_url: string | null;
}

/** A passage shown in full (the citation button). */
export interface PassageView {
  passage_id: string;
  doc: string;
  title: string;
  province: string | null;
  period: string | null;
  heading: string | null;
  text: string;
  source_url: string | null;
}

/** What ingesting one file detected (the reply to an admin upload). */
export type IngestedDocument = IngestedDocumentSummary;

export interface AskOptions {
  /** Forces the reply kind: the bot's `/kiemtra` and `/sosanh` commands. */
  intent?: 'factcheck' | 'compare';
}

export interface QuestionLog {
  question: string;
  kind: Answer['kind'];
  answered: boolean;
  lang: Answer['lang'];
  chatType: string;
}

export interface Feedback {
  question: string;
  answerText: string;
  userHash: string;
  vote: 1 | -1;
}

export interface DailyStats {
  day: string;
  questions: number;
  answered: number;
  nothingFound: number;
}

/** The answer engine the command line and the bot share. */
export interface Engine {
  readonly mode: 'lexical' | 'hybrid';
  ask(question: string, options?: AskOptions): Promise<Answer>;
  sources(): SourceSummary[];
  passage(passageId: string): PassageView | null;
  /** Saves the file into the reports folder, ingests it and updates the indexes incrementally. */
  /** Saves an uploaded report and ingests it; throws `IngestError` for a file that cannot be read, saving nothing. */
  ingestFile(fileName: string, content: Buffer): Promise<IngestedDocument>;
  /** Re-opens the store and indexes (after an ingest run from the command line). */
  reload(): Promise<void>;
  logQuestion(entry: QuestionLog): void;
  saveFeedback(entry: Feedback): void;
  stats(days?: number): { days: DailyStats[]; unanswered: string[] };
  close(): void;
}
