// Verifies one webhook delivery with the Standard Webhooks reference library, sharing no code with
// Newsdesk. Reads JSON {secret, headers, body} from the file named first; prints "verified <type>"
// or "refused <why>" (and exits 1).
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const { secret, headers, body } = JSON.parse(readFileSync(process.argv[2], "utf8"));
try {
  const payload = new Webhook(secret).verify(body, headers);
  console.log("verified " + payload.type);
} catch (e) {
  console.log("refused " + e.message);
  process.exitCode = 1;
}
