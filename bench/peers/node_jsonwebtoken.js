// node jsonwebtoken peer: node_jsonwebtoken.js PUB.pem TOKENFILE [batch]
'use strict';
const fs = require('fs');
const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const key = crypto.createPublicKey(fs.readFileSync(process.argv[2]));
const opts = { algorithms: ['RS256'], audience: 'sts.amazonaws.com' };
const toks = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((l) => l.length);
if (process.argv.length === 4) {
  jwt.verify(toks[0], key, opts);
} else {
  let good = 0;
  for (const t of toks) { jwt.verify(t, key, opts); good++; }
  console.log(good);
}
