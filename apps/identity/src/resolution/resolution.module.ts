import { Module, type DynamicModule } from '@nestjs/common';
import { syntheticBootstrapModel } from '@mosaic/evaluation';
import type { CandidateIndex } from '@mosaic/resolution';
import type { IdentityConfig } from '../config/identity.config';
import { CANDIDATE_INDEX_OVERRIDE, CandidateIndexFactory } from './candidate-index.factory';
import { StoredModelProvider, type ModelBootstrap, type ModelProvider } from './model.provider';
import { ResolveBatchUseCase } from './resolve-batch.use-case';
import { ResolutionConsumer } from './resolution.consumer';
import { IDENTITY_CONFIG, MODEL_BOOTSTRAP, MODEL_PROVIDER } from './resolution.tokens';
import { ThresholdProvider } from './threshold.provider';

export interface ResolutionModuleOptions {
  /** The model stored when the database holds none (default: trained on synthetic data). */
  modelBootstrap?: ModelBootstrap | null;
  /** Replaces the stored-model provider altogether. */
  modelProvider?: ModelProvider;
  /**
   * One candidate index for every batch instead of the run mode's (search
   * engine or pgvector), e.g. an in-memory one when a tool builds a large
   * identity database and candidate search speed is not what it measures.
   */
  candidateIndex?: CandidateIndex;
}

/** Consumes source events and resolves them into persons. */
@Module({})
export class ResolutionModule {
  static register(config: IdentityConfig, options: ResolutionModuleOptions = {}): DynamicModule {
    const bootstrap: ModelBootstrap | null =
      options.modelBootstrap !== undefined
        ? options.modelBootstrap
        : () => syntheticBootstrapModel({ seed: config.extra.MOSAIC_IDENTITY_BOOTSTRAP_SEED });
    return {
      module: ResolutionModule,
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: MODEL_BOOTSTRAP, useValue: bootstrap },
        options.modelProvider
          ? { provide: MODEL_PROVIDER, useValue: options.modelProvider }
          : { provide: MODEL_PROVIDER, useClass: StoredModelProvider },
        ThresholdProvider,
        ...(options.candidateIndex
          ? [{ provide: CANDIDATE_INDEX_OVERRIDE, useValue: options.candidateIndex }]
          : []),
        CandidateIndexFactory,
        ResolveBatchUseCase,
        ResolutionConsumer,
      ],
      exports: [ResolutionConsumer, ResolveBatchUseCase, MODEL_PROVIDER, CandidateIndexFactory],
    };
  }
}
