import { Module } from '@nestjs/common';
import { TravelEncounterResolver } from './travel-encounter.resolver';
import { TravelEncounterService } from './travel-encounter.service';

@Module({ providers: [TravelEncounterResolver, TravelEncounterService] })
export class EncounterModule {}
