/// <reference types="mocha" />
import { describeGateScenario } from './run-scenario.js';

describeGateScenario('ok');
