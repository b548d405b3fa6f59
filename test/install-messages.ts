/** Vitest setup: installs the message catalog as app.ts does at start-up, for tests that call features directly. */
import { installMessages } from '../src/messages.ts';

installMessages();
