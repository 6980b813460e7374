// A drop-in for AppSyncClient in resolver tests: send(new EvaluateCodeCommand(input)) answers
// locally, with the same output and the same BadRequestException as the service.
import { EvaluateCodeCommand, type EvaluateCodeCommandOutput } from '@aws-sdk/client-appsync';
import { evaluateCode, type EvaluateOptions } from './evaluate-code';

export class LocalAppSyncClient {
  constructor(private readonly options: EvaluateOptions = {}) {}

  async send(command: EvaluateCodeCommand): Promise<EvaluateCodeCommandOutput> {
    if (!(command instanceof EvaluateCodeCommand)) {
      const name = (command as { constructor?: { name?: string } }).constructor?.name ?? typeof command;
      throw new TypeError(`LocalAppSyncClient answers EvaluateCodeCommand only, not ${name}`);
    }
    return evaluateCode(command.input, this.options);
  }

  /** Nothing to release; present so code written for AppSyncClient can call it. */
  destroy(): void {}
}
