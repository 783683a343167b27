import { Module } from '@nestjs/common';
import { ClaimReviewItemUseCase } from './claim-review-item.use-case';
import { DecideReviewItemUseCase } from './decide-review-item.use-case';
import { REVIEW_CLOCK, systemClock } from './review-clock';
import { ReviewQueueService } from './review-queue.service';
import { ReviewResolver } from './review.resolver';
import { ReviewerOversightUseCase } from './reviewer-oversight.use-case';

/** The review band worked by people (issue 18): queue, leases, two-person verdicts, oversight. */
@Module({
  providers: [
    { provide: REVIEW_CLOCK, useValue: systemClock },
    ReviewResolver,
    ReviewQueueService,
    ClaimReviewItemUseCase,
    DecideReviewItemUseCase,
    ReviewerOversightUseCase,
  ],
})
export class ReviewModule {}
