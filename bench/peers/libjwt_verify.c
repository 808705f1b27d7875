/*
 * libjwt_verify.c -- the libjwt peer (Debian libjwt-dev 1.10, OpenSSL inside).
 *   libjwt_verify PUB.pem TOKENFILE        one token: exit 0 when it verifies
 *   libjwt_verify PUB.pem TOKENFILE batch  one token per line, the key read once;
 *                                          prints the number that verified
 * Verifies RS256 with jwt_decode, then checks exp and aud as the others do.
 * Compiled by bench/run.sh at bench time; not part of stsverify.
 */
#include <jwt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;
	long len;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)len + 1);
	if (fread(b, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		return NULL;
	}
	fclose(f);
	b[len] = 0;
	*n = (size_t)len;
	return b;
}

static int one(const char *tok, const unsigned char *key, size_t klen)
{
	jwt_t *j = NULL;
	int ok;
	const char *aud;
	if (jwt_decode(&j, tok, key, (int)klen) != 0 || !j)
		return 0;
	ok = jwt_get_alg(j) == JWT_ALG_RS256 && jwt_get_grant_int(j, "exp") > (long)time(NULL);
	aud = jwt_get_grants_json(j, "aud");
	ok = ok && aud && strstr(aud, "\"sts.amazonaws.com\"") != NULL;
	free((void *)aud);
	jwt_free(j);
	return ok;
}

int main(int argc, char **argv)
{
	size_t klen, tlen, good = 0;
	unsigned char *key, *toks;
	char *line, *save;
	if (argc < 3)
		return 2;
	key = slurp(argv[1], &klen);
	toks = slurp(argv[2], &tlen);
	if (!key || !toks)
		return 2;
	if (argc == 3) {
		toks[strcspn((char *)toks, "\r\n")] = 0;
		return one((char *)toks, key, klen) ? 0 : 1;
	}
	for (line = strtok_r((char *)toks, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		good += (size_t)one(line, key, klen);
	printf("%zu\n", good);
	return 0;
}
