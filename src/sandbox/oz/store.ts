/** The emulator's in-memory records: folders, their media and their analyses. */
import { notExist, requireUuid } from './errors.js';
import type { AnalysisOutcome } from './evaluate.js';
import type { Scenario } from './scenarios.js';
import type { OzMediaKind } from './sniff.js';

export interface MediaRecord {
  id: string;
  folderId: string;
  kind: OzMediaKind;
  originalName: string;
  contentType: string;
  bytes: Uint8Array;
  tags: string[];
  createdAtMs: number;
}

export type AnalysisType = 'QUALITY' | 'BIOMETRY';

export interface AnalysisRecord {
  id: string;
  folderId: string;
  type: AnalysisType;
  sourceMediaIds: string[];
  params: Record<string, unknown>;
  scenario: Scenario;
  /** Milliseconds from the start to the final status. */
  runMs: number;
  reads: number;
  createdAtMs: number;
  updatedAtMs: number;
  outcome: AnalysisOutcome | null;
  resolutionEndpoint?: string;
}

export interface FolderRecord {
  id: string;
  metaData: Record<string, unknown>;
  mediaIds: string[];
  analysisIds: string[];
  /** The scenario the folder was created with; analyses started without a header inherit it. */
  scenario: Scenario;
  createdAtMs: number;
}

export class OzStore {
  readonly folders = new Map<string, FolderRecord>();
  readonly media = new Map<string, MediaRecord>();
  readonly analyses = new Map<string, AnalysisRecord>();

  folder(id: string): FolderRecord {
    const folder = this.folders.get(requireUuid(id, 'folder_id'));
    if (!folder) throw notExist('Folder', id);
    return folder;
  }

  analysis(id: string): AnalysisRecord {
    const analysis = this.analyses.get(requireUuid(id, 'analyse_id'));
    if (!analysis) throw notExist('Analysis', id);
    return analysis;
  }

  mediaItem(id: string): MediaRecord {
    const media = this.media.get(requireUuid(id, 'media_id'));
    if (!media) throw notExist('Media', id);
    return media;
  }

  mediaOf(folder: FolderRecord): MediaRecord[] {
    return folder.mediaIds.map((id) => this.mediaItem(id));
  }

  analysesOf(folder: FolderRecord): AnalysisRecord[] {
    return folder.analysisIds.map((id) => this.analysis(id));
  }
}
