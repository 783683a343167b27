import { describeRetention } from '../retention/retention.contract';

describeRetention('infra');
