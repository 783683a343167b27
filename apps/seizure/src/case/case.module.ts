import { Module } from '@nestjs/common';
import { SeizureCaseResolver } from './seizure-case.resolver';
import { SeizureCaseService } from './seizure-case.service';
import { SeizureSubjectResolver } from './seizure-subject.resolver';
import { SeizureSubjectService } from './seizure-subject.service';

@Module({
  providers: [
    SeizureCaseResolver,
    SeizureSubjectResolver,
    SeizureCaseService,
    SeizureSubjectService,
  ],
})
export class CaseModule {}
