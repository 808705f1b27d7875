// node jose (panva) peer: node_jose.mjs JWKS TOKENFILE [batch]
import fs from 'fs';
import * as jose from 'jose';
const jwks = jose.createLocalJWKSet(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
const opts = { algorithms: ['RS256'], audience: 'sts.amazonaws.com' };
const toks = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((l) => l.length);
if (process.argv.length === 4) {
  await jose.jwtVerify(toks[0], jwks, opts);
} else {
  let good = 0;
  for (const t of toks) { await jose.jwtVerify(t, jwks, opts); good++; }
  console.log(good);
}
