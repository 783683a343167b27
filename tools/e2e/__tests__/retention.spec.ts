import { describeRetention } from '../retention/retention.contract';

describeRetention('embedded');
