/*
 * fuzz_yaml.c -- the CredentialsRequest YAML subset (sv_yaml_to_json,
 * sv_yaml_line_of, sv_yaml_err_to_line) and the requests read from its JSON
 * (sv_credreq_list, sv_credreq_parse).
 *
 * Invariants: whatever the reader accepts it writes as JSON that
 * sv_json_parse accepts (an array, one value per document; a repeated key
 * is left for the JSON reader to refuse, and maps back to its line), within the
 * capacity given (a heap block of exactly that size) and with map entries
 * in order inside the output; one byte less of room is a limit, never a
 * write past the end; errors name a line. Requests read from that JSON
 * have views inside it or the arena and counts inside their arrays.
 */
#include "fuzz.h"
#include "stsverify/sv_credreq.h"

#define MAPCAP 4096

static sv_yaml_line lines[MAPCAP];
static jsmntok_t tok[SV_MAX_DOC_TOKENS];
static char abuf[SV_MAX_STRING_ARENA];
static sv_credreq cr;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cap = 4 * size + 64, len = 0, i, n = 0;
	char *out = malloc(cap);
	sv_yaml_map map = { lines, MAPCAP, 0 };
	sv_cr_item items[8];
	sv_json d;
	sv_arena a;
	sv_err e;
	int rc;

	memset(&e, 0, sizeof e);
	rc = sv_yaml_to_json((const char *)data, size, out, cap, &len, &map, &e);
	if (rc != SV_OK) {
		FZ_CHECK(rc == SV_E_FORMAT || rc == SV_E_LIMIT, "rc %d", rc);
		FZ_CHECK(e.code == rc && memchr(e.msg, 0, sizeof e.msg), "code %d", e.code);
		free(out);
		return 0;
	}
	FZ_CHECK(len <= cap && map.n <= map.cap, "len %zu of %zu, map %zu", len, cap, map.n);
	for (i = 0; i < map.n; i++) {
		FZ_CHECK(map.at[i].off <= len && map.at[i].line >= 1, "map entry %zu", i);
		if (i > 0)
			FZ_CHECK(map.at[i].off >= map.at[i - 1].off, "map out of order at %zu", i);
	}
	if (len > 0) {
		/* exactly the room it needs works; one byte less is a limit */
		char *tight = malloc(len), *less = malloc(len - 1 ? len - 1 : 1);
		size_t l2 = 0, l3 = 0;
		sv_yaml_map m2 = { lines, MAPCAP, 0 };
		FZ_CHECK(sv_yaml_to_json((const char *)data, size, tight, len, &l2, &m2, &e) == SV_OK && l2 == len &&
		             memcmp(tight, out, len) == 0,
		         "output differs with exactly its room");
		m2.n = 0;
		FZ_CHECK(sv_yaml_to_json((const char *)data, size, less, len - 1, &l3, &m2, &e) == SV_E_LIMIT,
		         "wrote %zu bytes into %zu", len, len - 1);
		free(tight);
		free(less);
	}
	/*
	 * A mapping that repeats a key is written as is, and refused by the JSON
	 * reader with the line mapped back (the designed path); anything else the
	 * JSON reader refuses is the YAML reader's bug.
	 */
	rc = sv_json_parse(&d, out, len, tok, SV_MAX_DOC_TOKENS, &e);
	FZ_CHECK(rc == SV_OK || rc == SV_E_LIMIT || (rc == SV_E_JSON && strstr(e.msg, "duplicate member name")),
	         "the reader wrote JSON sv_json_parse refuses: %s: %.*s", e.msg, (int)(len < 300 ? len : 300), out);
	if (rc == SV_E_JSON) {
		sv_yaml_err_to_line(&map, &e);
		FZ_CHECK(strncmp(e.msg, "line ", 5) == 0, "a duplicate key not mapped to its line: %s", e.msg);
	}
	if (rc != SV_OK) {
		free(out);
		return 0;
	}
	FZ_CHECK(sv_json_type(&d, 0) == JSMN_ARRAY, "not an array of documents");
	(void)sv_yaml_line_of(&map, len / 2);
	sv_err_set(&e, SV_E_FORMAT, len / 3, "offset %z: x", len / 3);
	sv_yaml_err_to_line(&map, &e);
	FZ_CHECK(memchr(e.msg, 0, sizeof e.msg) != NULL, "rewritten message");

	sv_arena_init(&a, abuf, sizeof abuf);
	if (sv_credreq_list(&d, &a, items, 8, &n, &e) == SV_OK) {
		FZ_CHECK(n <= 8, "n %zu", n);
		for (i = 0; i < n; i++) {
			size_t k;
			FZ_CHECK(sv_json_type(&d, items[i].obj) == JSMN_OBJECT, "item %zu", i);
			if (sv_credreq_parse(&cr, &d, items[i].obj, &a, &e) != SV_OK)
				continue;
			FZ_CHECK(cr.n <= SV_MAX_CR_ENTRIES, "entries");
			for (k = 0; k < cr.n; k++)
				FZ_CHECK(fz_inside(cr.e[k].resource, out, len) || fz_inside(cr.e[k].resource, abuf, a.used),
				         "resource view");
		}
	}
	free(out);
	return 0;
}
