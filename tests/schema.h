/*
 * schema.h -- validates the CLI's JSON documents against docs/json-schema.json.
 *
 * A JSON Schema (draft 2020-12) subset, enough for that file and strict
 * about it: $ref (to "#/$defs/NAME"), type (a name or a list), const, enum,
 * properties, required, additionalProperties (false or a schema), items,
 * minItems, minimum, oneOf. Any other keyword in the schema is an error,
 * so the file cannot use one this validator would silently ignore
 * ($schema, $id, $defs, title, description and $comment are annotations).
 *
 *   ts_schema_load()                       once, from the repository root
 *   ts_schema_check(doc, len, why, cap)    0 valid, else 1 and why says where
 */
#ifndef SV_TEST_SCHEMA_H
#define SV_TEST_SCHEMA_H

/*
 * jsmn's parser, for documents deeper than SV_MAX_JSON_DEPTH: verify --json
 * nests a token's claims one level below the root, so a token at the depth
 * limit makes a document one level over it, which other JSON readers take.
 * Include this header before helpers.h (which declares jsmn's types only).
 */
#ifdef JSMN_H
#error "include schema.h before helpers.h"
#endif
#define JSMN_STATIC
#define JSMN_STRICT
#include <jsmn.h>

#include "helpers.h"
#include "sv_internal.h"

#define TS_SCHEMA_FILE "docs/json-schema.json"

static char ts_text[1 << 16];
static jsmntok_t ts_stok[8192];
static sv_json ts_s;
static jsmntok_t ts_dtok[1 << 16];

/* The schema file, parsed; fails the test when it is missing or not JSON. */
static inline void ts_schema_load(void)
{
	FILE *f = fopen(TS_SCHEMA_FILE, "rb");
	size_t n;
	sv_err e;
	assert_non_null(f);
	n = fread(ts_text, 1, sizeof ts_text, f);
	fclose(f);
	assert_true(n > 0 && n < sizeof ts_text);
	if (sv_json_parse(&ts_s, ts_text, n, ts_stok, sizeof ts_stok / sizeof ts_stok[0], &e) != SV_OK)
		fail_msg(TS_SCHEMA_FILE ": %s", e.msg);
}

/* 'object' 'array' 'string' 'integer' 'number' 'boolean' 'null' */
static const char *ts_type(const sv_json *d, int i)
{
	sv_sv raw = sv_json_raw(d, i);
	size_t k;
	int digits = 1;
	switch (sv_json_type(d, i)) {
	case JSMN_OBJECT: return "object";
	case JSMN_ARRAY: return "array";
	case JSMN_STRING: return "string";
	default: break;
	}
	if (sv_eq(raw, SV_LIT("null")))
		return "null";
	if (sv_eq(raw, SV_LIT("true")) || sv_eq(raw, SV_LIT("false")))
		return "boolean";
	for (k = raw.p[0] == '-' ? 1 : 0; k < raw.n; k++)
		if (raw.p[k] < '0' || raw.p[k] > '9')
			digits = 0;
	return digits ? "integer" : "number";
}

static int ts_type_is(const sv_json *d, int i, sv_sv want)
{
	const char *t = ts_type(d, i);
	return sv_eq(want, sv_from_cstr(t)) || (sv_eq(want, SV_LIT("number")) && strcmp(t, "integer") == 0);
}

/* Two JSON values the same (strings and primitives by their text, containers member by member). */
static int ts_equal(const sv_json *a, int i, const sv_json *b, int j)
{
	int ta = sv_json_type(a, i), n, k, x, y;
	if (ta != sv_json_type(b, j))
		return 0;
	if (ta == JSMN_STRING || ta == JSMN_PRIMITIVE)
		return sv_eq(sv_json_raw(a, i), sv_json_raw(b, j));
	n = sv_json_count(a, i);
	if (n != sv_json_count(b, j))
		return 0;
	if (ta == JSMN_ARRAY) {
		for (k = 0, x = i + 1, y = j + 1; k < n; k++, x = sv_json_next(a, x), y = sv_json_next(b, y))
			if (!ts_equal(a, x, b, y))
				return 0;
		return 1;
	}
	for (k = 0, x = i + 1; k < n; k++, x = sv_json_next(a, x + 1)) {
		int v = sv_json_get(b, j, sv_json_raw(a, x));
		if (v < 0 || !ts_equal(a, x + 1, b, v))
			return 0;
	}
	return 1;
}

static void ts_why(char *why, size_t cap, const char *path, const char *fmt, sv_sv what)
{
	char msg[256];
	snprintf(msg, sizeof msg, fmt, (int)what.n, what.p);
	snprintf(why, cap, "%s: %s", path[0] ? path : "(document)", msg);
}

static int ts_valid(int si, const sv_json *d, int di, char *path, size_t pcap, char *why, size_t wcap, int depth);

/* A value as JSON shows it: strings in quotes. */
static sv_sv ts_shown(const sv_json *d, int i)
{
	static char buf[256];
	sv_sv raw = sv_json_raw(d, i);
	if (sv_json_type(d, i) != JSMN_STRING)
		return raw;
	snprintf(buf, sizeof buf, "\"%.*s\"", (int)raw.n, raw.p);
	return sv_from_cstr(buf);
}

/* "#/$defs/NAME" -> the schema of NAME */
static int ts_ref(sv_sv ref)
{
	int defs = sv_json_get(&ts_s, 0, SV_LIT("$defs"));
	if (!sv_has_prefix(ref, SV_LIT("#/$defs/")) || defs < 0)
		return -1;
	return sv_json_get(&ts_s, defs, sv_slice(ref, 8, ref.n));
}

static int ts_valid(int si, const sv_json *d, int di, char *path, size_t pcap, char *why, size_t wcap, int depth)
{
	int n, k, kw;
	size_t plen = strlen(path);
	if (depth > 64) {
		ts_why(why, wcap, path, "schema nested too deep%.*s", SV_LIT(""));
		return 0;
	}
	if (sv_json_type(&ts_s, si) != JSMN_OBJECT) {
		ts_why(why, wcap, path, "a schema that is not an object%.*s", SV_LIT(""));
		return 0;
	}
	n = sv_json_count(&ts_s, si);
	for (k = 0, kw = si + 1; k < n; k++, kw = sv_json_next(&ts_s, kw + 1)) {
		sv_sv key = sv_json_raw(&ts_s, kw);
		int v = kw + 1, m, j, x;
		if (sv_eq(key, SV_LIT("$ref"))) {
			int target = ts_ref(sv_json_raw(&ts_s, v));
			if (target < 0) {
				ts_why(why, wcap, path, "schema $ref \"%.*s\" names no $defs entry", sv_json_raw(&ts_s, v));
				return 0;
			}
			if (!ts_valid(target, d, di, path, pcap, why, wcap, depth + 1))
				return 0;
		} else if (sv_eq(key, SV_LIT("type"))) {
			int ok = 0;
			if (sv_json_type(&ts_s, v) == JSMN_ARRAY) {
				m = sv_json_count(&ts_s, v);
				for (j = 0, x = v + 1; j < m; j++, x = sv_json_next(&ts_s, x))
					ok |= ts_type_is(d, di, sv_json_raw(&ts_s, x));
			} else {
				ok = ts_type_is(d, di, sv_json_raw(&ts_s, v));
			}
			if (!ok) {
				ts_why(why, wcap, path, "is %.*s, not the type the schema names", sv_from_cstr(ts_type(d, di)));
				return 0;
			}
		} else if (sv_eq(key, SV_LIT("const"))) {
			if (!ts_equal(&ts_s, v, d, di)) {
				ts_why(why, wcap, path, "%.*s is not the schema's const", ts_shown(d, di));
				return 0;
			}
		} else if (sv_eq(key, SV_LIT("enum"))) {
			int ok = 0;
			m = sv_json_count(&ts_s, v);
			for (j = 0, x = v + 1; j < m; j++, x = sv_json_next(&ts_s, x))
				ok |= ts_equal(&ts_s, x, d, di);
			if (!ok) {
				ts_why(why, wcap, path, "%.*s is none of the schema's enum", ts_shown(d, di));
				return 0;
			}
		} else if (sv_eq(key, SV_LIT("required"))) {
			if (sv_json_type(d, di) != JSMN_OBJECT)
				continue;
			m = sv_json_count(&ts_s, v);
			for (j = 0, x = v + 1; j < m; j++, x = sv_json_next(&ts_s, x))
				if (sv_json_get(d, di, sv_json_raw(&ts_s, x)) < 0) {
					ts_why(why, wcap, path, "lacks the required member \"%.*s\"", sv_json_raw(&ts_s, x));
					return 0;
				}
		} else if (sv_eq(key, SV_LIT("properties")) || sv_eq(key, SV_LIT("additionalProperties"))) {
			int props = sv_json_get(&ts_s, si, SV_LIT("properties"));
			int extra = sv_json_get(&ts_s, si, SV_LIT("additionalProperties"));
			if (sv_json_type(d, di) != JSMN_OBJECT || (sv_eq(key, SV_LIT("additionalProperties")) && props >= 0))
				continue;      /* both are handled once, at the first of them */
			m = sv_json_count(d, di);
			for (j = 0, x = di + 1; j < m; j++, x = sv_json_next(d, x + 1)) {
				sv_sv name = sv_json_raw(d, x);
				int ps = props >= 0 ? sv_json_get(&ts_s, props, name) : -1;
				snprintf(path + plen, pcap - plen, "/%.*s", (int)name.n, name.p);
				if (ps < 0 && extra >= 0 && sv_eq(sv_json_raw(&ts_s, extra), SV_LIT("false"))) {
					ts_why(why, wcap, path, "a member the schema does not name%.*s", SV_LIT(""));
					return 0;
				}
				if (ps < 0 && extra >= 0 && sv_json_type(&ts_s, extra) == JSMN_OBJECT)
					ps = extra;
				if (ps >= 0 && !ts_valid(ps, d, x + 1, path, pcap, why, wcap, depth + 1))
					return 0;
				path[plen] = '\0';
			}
		} else if (sv_eq(key, SV_LIT("items"))) {
			if (sv_json_type(d, di) != JSMN_ARRAY)
				continue;
			m = sv_json_count(d, di);
			for (j = 0, x = di + 1; j < m; j++, x = sv_json_next(d, x)) {
				snprintf(path + plen, pcap - plen, "/%d", j);
				if (!ts_valid(v, d, x, path, pcap, why, wcap, depth + 1))
					return 0;
				path[plen] = '\0';
			}
		} else if (sv_eq(key, SV_LIT("minItems"))) {
			int64_t min = 0;
			if (sv_json_type(d, di) != JSMN_ARRAY)
				continue;
			(void)sv_json_int(&ts_s, v, &min);
			if (sv_json_count(d, di) < min) {
				ts_why(why, wcap, path, "fewer items than the schema's minItems %.*s", sv_json_raw(&ts_s, v));
				return 0;
			}
		} else if (sv_eq(key, SV_LIT("minimum"))) {
			int64_t min = 0, got = 0;
			if (strcmp(ts_type(d, di), "integer") != 0)
				continue;
			(void)sv_json_int(&ts_s, v, &min);
			(void)sv_json_int(d, di, &got);
			if (got < min) {
				ts_why(why, wcap, path, "%.*s is below the schema's minimum", sv_json_raw(d, di));
				return 0;
			}
		} else if (sv_eq(key, SV_LIT("oneOf"))) {
			int matched = 0;
			char sub[512];
			m = sv_json_count(&ts_s, v);
			for (j = 0, x = v + 1; j < m; j++, x = sv_json_next(&ts_s, x)) {
				matched += ts_valid(x, d, di, path, pcap, sub, sizeof sub, depth + 1);
				path[plen] = '\0';
			}
			if (matched != 1) {
				ts_why(why, wcap, path, matched ? "matches more than one of oneOf%.*s" :
				       "matches none of oneOf%.*s", SV_LIT(""));
				if (!matched && m == 1)
					snprintf(why, wcap, "%s", sub);
				return 0;
			}
		} else if (!sv_eq(key, SV_LIT("$schema")) && !sv_eq(key, SV_LIT("$id")) && !sv_eq(key, SV_LIT("$defs")) &&
		           !sv_eq(key, SV_LIT("title")) && !sv_eq(key, SV_LIT("description")) &&
		           !sv_eq(key, SV_LIT("$comment"))) {
			ts_why(why, wcap, path, "the schema uses \"%.*s\", which this validator does not know", key);
			return 0;
		}
	}
	return 1;
}

/*
 * One document against a $defs entry (def, e.g. "verify") or, with def
 * NULL, against the whole schema (its oneOf over every document).
 * Returns 0 when valid, else 1 with why: "<JSON path>: <what is wrong>".
 */
static inline int ts_schema_check_def(const char *def, const char *doc, size_t len, char *why, size_t wcap)
{
	sv_json d;
	sv_err e;
	char path[512] = "";
	int si = 0;
	if (sv_json_parse(&d, doc, len, ts_dtok, sizeof ts_dtok / sizeof ts_dtok[0], &e) != SV_OK) {
		jsmn_parser p;
		int n;
		if (e.code != SV_E_LIMIT || !strstr(e.msg, "SV_MAX_JSON_DEPTH")) {
			snprintf(why, wcap, "not JSON: %s", e.msg);
			return 1;
		}
		/* strict JSON but for its depth: jsmn alone (strict mode) then */
		jsmn_init(&p);
		n = jsmn_parse(&p, doc, len, ts_dtok, sizeof ts_dtok / sizeof ts_dtok[0]);
		if (n < 1 || ts_dtok[0].end != (int)len - (doc[len - 1] == '\n')) {
			snprintf(why, wcap, "not JSON: %s", e.msg);
			return 1;
		}
		d.js = doc;
		d.len = len;
		d.tok = ts_dtok;
		d.ntok = n;
	}
	if (def) {
		char ref[128];
		snprintf(ref, sizeof ref, "#/$defs/%s", def);
		si = ts_ref(sv_from_cstr(ref));
		if (si < 0) {
			snprintf(why, wcap, TS_SCHEMA_FILE " has no $defs/%s", def);
			return 1;
		}
	}
	if (!ts_valid(si, &d, 0, path, sizeof path, why, wcap, 0))
		return 1;
	/* whichever entry it matched, the whole schema must take it too */
	if (def && !ts_valid(0, &d, 0, path, sizeof path, why, wcap, 0))
		return 1;
	return 0;
}

static inline int ts_schema_check(const char *doc, size_t len, char *why, size_t wcap)
{
	return ts_schema_check_def(NULL, doc, len, why, wcap);
}

#endif
