import { CommandError } from "../lib/command-line";
import { EXIT_ERROR } from "./model";

/**
 * An error the review reports to its user as it is (message only, no stack) before exiting with
 * code 1. Every message says what failed, why, and what to do next.
 */
export class ReviewError extends CommandError {
  override readonly name = "ReviewError";
  constructor(message: string) {
    super(message, EXIT_ERROR);
  }
}
