/* test_yaml.c -- src/sv_yaml.c: the CredentialsRequest YAML subset, what it reads and what it refuses. */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_credreq.h"

static char out[1 << 18];
static sv_yaml_line lines[1 << 14];
static jsmntok_t tok[1 << 14];

static int conv(const char *y, size_t n, size_t *len, sv_yaml_map *m, sv_err *e)
{
	m->at = lines;
	m->cap = sizeof lines / sizeof lines[0];
	return sv_yaml_to_json(y, n, out, sizeof out, len, m, e);
}

/* What the subset reads, and the exact JSON it becomes. */
static const struct {
	const char *name, *yaml, *json;
} ok[] = {
	{ "scalar-types", "a: 1\nb: -2.5e3\nc: true\nd: False\ne: ~\nf: null\ng:\nh: text\n",
	  "[{\"a\":1,\"b\":-2.5e3,\"c\":true,\"d\":false,\"e\":null,\"f\":null,\"g\":null,\"h\":\"text\"}]" },
	{ "nested-map", "spec:\n  secretRef:\n    name: x\n    namespace: yv\n  z: 1\n",
	  "[{\"spec\":{\"secretRef\":{\"name\":\"x\",\"namespace\":\"yv\"},\"z\":1}}]" },
	{ "list-at-key-indent", "serviceAccountNames:\n- a\n- b\nnext: 1\n", "[{\"serviceAccountNames\":[\"a\",\"b\"],\"next\":1}]" },
	{ "list-indented", "serviceAccountNames:\n    - a\n    - b\nnext: 1\n", "[{\"serviceAccountNames\":[\"a\",\"b\"],\"next\":1}]" },
	{ "map-in-list", "e:\n- effect: Allow\n  action:\n  - x:Y\n  resource: \"*\"\n- effect: Deny\n",
	  "[{\"e\":[{\"effect\":\"Allow\",\"action\":[\"x:Y\"],\"resource\":\"*\"},{\"effect\":\"Deny\"}]}]" },
	{ "map-in-list-wide-dash", "e:\n  -   a: 1\n      b: 2\n", "[{\"e\":[{\"a\":1,\"b\":2}]}]" },
	{ "list-in-list", "- - a\n  - b\n- c\n", "[[[\"a\",\"b\"],\"c\"]]" },
	{ "item-on-next-line", "-\n  a: 1\n-\n", "[[{\"a\":1},null]]" },
	{ "quoted", "\"Bool\":\n  \"kms:GrantIsForAWSResource\": true\nk: 'kms:ReEncrypt*'\nq: 'it''s'\nr: \"1.0\"\n",
	  "[{\"Bool\":{\"kms:GrantIsForAWSResource\":true},\"k\":\"kms:ReEncrypt*\",\"q\":\"it's\",\"r\":\"1.0\"}]" },
	{ "double-quoted-escapes", "a: \"t\\tn\\nq\\\"b\\\\s\\/e\\u00e9x\\x41U\\U0001F600z\\0\"\n",
	  "[{\"a\":\"t\\tn\\u000aq\\\"b\\\\s/e\xc3\xa9xAU\xf0\x9f\x98\x80z\\u0000\"}]" },
	{ "single-quoted-raw", "a: 'back\\slash \"dq\"'\n", "[{\"a\":\"back\\\\slash \\\"dq\\\"\"}]" },
	{ "plain-specials", "a: arn:aws:ec2:*:*:subnet/*\nb: https://example.com/x\nc: a#b\nd: x y  # c\ne: -x\nf: caf\xc3\xa9\n",
	  "[{\"a\":\"arn:aws:ec2:*:*:subnet/*\",\"b\":\"https://example.com/x\",\"c\":\"a#b\",\"d\":\"x y\",\"e\":\"-x\",\"f\":\"caf\xc3\xa9\"}]" },
	{ "plain-not-numbers", "uid: 6f1c2b9e-0d3a-4c59\nv: v1.0\nt: 2026-03-02T09:14:07Z\n",
	  "[{\"uid\":\"6f1c2b9e-0d3a-4c59\",\"v\":\"v1.0\",\"t\":\"2026-03-02T09:14:07Z\"}]" },
	{ "flow-seq", "a: [\"CreateTargetGroup\",\"CreateLoadBalancer\"]\nb: [x, 'y', 1, true, null]\nc: []\nd: {}\ne: [ ]\n",
	  "[{\"a\":[\"CreateTargetGroup\",\"CreateLoadBalancer\"],\"b\":[\"x\",\"y\",1,true,null],\"c\":[],\"d\":{},\"e\":[]}]" },
	{ "comments", "# head\n\na: 1 # one\n  # indented comment\n#b: 2\nc:   # nothing\n  - x # y\n",
	  "[{\"a\":1,\"c\":[\"x\"]}]" },
	{ "documents", "a: 1\n---\n# only a comment\n---\nb: 2\n\n---   # note\n- c\n",
	  "[{\"a\":1},{\"b\":2},[\"c\"]]" },
	{ "leading-separator-and-blank-before-it", "---\na: 1\n\n---\n", "[{\"a\":1}]" },
	{ "crlf-bom-tabs-inline", "\xEF\xBB\xBF" "a:\t1\r\nb:\r\n- x\r\n", "[{\"a\":1,\"b\":[\"x\"]}]" },
	{ "key-with-space-and-colon", "x y: 1\nkms:Decrypt: 2\n", "[{\"x y\":1,\"kms:Decrypt\":2}]" },
	{ "quoted-reserved-keys", "\"Null\": 1\n'true': 2\n\"80\": 3\nNullable: 4\n", "[{\"Null\":1,\"true\":2,\"80\":3,\"Nullable\":4}]" },
	{ "empty-file", "# nothing\n\n", "[]" },
	{ "escaped-controls-in-single", "a: 'x\ty'\n", "[{\"a\":\"x\\ty\"}]" },
};

static void test_yaml_reads_the_subset(void **state)
{
	size_t i, len;
	(void)state;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		sv_yaml_map m;
		sv_err e;
		sv_json d;
		int rc = conv(ok[i].yaml, strlen(ok[i].yaml), &len, &m, &e);
		if (rc != SV_OK)
			fail_msg("case %s: rc %d: %s", ok[i].name, rc, e.msg);
		if (len != strlen(ok[i].json) || memcmp(out, ok[i].json, len) != 0)
			fail_msg("case %s:\n  got  %.*s\n  want %s", ok[i].name, (int)len, out, ok[i].json);
		/* what it writes is JSON the core accepts */
		if (sv_json_parse(&d, out, len, tok, sizeof tok / sizeof tok[0], &e) != SV_OK)
			fail_msg("case %s: not JSON: %s", ok[i].name, e.msg);
	}
}

/* What it refuses, each with its exact message. */
static const struct {
	const char *name, *yaml, *msg;
} refused[] = {
	{ "anchor", "a: &base 1\n", "line 1: anchors (&name) are not supported, saw \"&base 1\"" },
	{ "anchor-on-map", "a: 1\nb: &x\n  c: 1\n", "line 2: anchors (&name) are not supported, saw \"&x\"" },
	{ "alias", "a: 1\nb: *base\n", "line 2: aliases (*name) are not supported; quote a value that starts with '*', saw \"*base\"" },
	{ "unquoted-star-resource", "resource: *\n", "line 1: aliases (*name) are not supported; quote a value that starts with '*', saw \"*\"" },
	{ "tag", "a: !!str 1\n", "line 1: tags (!tag) are not supported, saw \"!!str 1\"" },
	{ "literal-block", "a: |\n  x\n", "line 1: block scalars (| and >) are not supported; write the value on one line, quoted, saw \"|\"" },
	{ "folded-block", "a:\n  b: >-\n    x\n", "line 2: block scalars (| and >) are not supported; write the value on one line, quoted, saw \">-\"" },
	{ "flow-map", "policyCondition: {Bool: {k: true}}\n",
	  "line 1: flow mappings ({key: value}) are not supported, only {} when empty, saw \"{Bool: {k: true}}\"" },
	{ "flow-map-in-seq", "a: [{b: 1}]\n", "line 1: nested flow collections are not supported, saw \"{b: 1}]\"" },
	{ "nested-flow-seq", "a: [x, [y]]\n", "line 1: nested flow collections are not supported, saw \"[y]]\"" },
	{ "flow-pair", "a: [b: 1]\n", "line 1: flow mappings (key: value inside [...]) are not supported, saw \"b: 1]\"" },
	{ "flow-seq-two-lines", "a: [x,\n  y]\n",
	  "line 1: a flow sequence must end on its line ([...] over several lines is not supported), saw \"[x,\"" },
	{ "flow-seq-trailing-comma", "a: [x, ]\n", "line 1: a ',' before ']' in a flow sequence, saw \"]\"" },
	{ "flow-seq-empty-entry", "a: [x, , y]\n", "line 1: an empty entry in a flow sequence, saw \", y]\"" },
	{ "multi-line-plain", "a: one\n  two\nb: 1\n",
	  "line 2: more indented than the value on line 1: multi-line scalars are not supported; put the value on one line, quoted, saw \"two\"" },
	{ "multi-line-double", "a: \"one\n  two\"\n",
	  "line 1: a double-quoted string must end on its line (multi-line strings are not supported), saw \"\"one\"" },
	{ "multi-line-single", "a: 'one\n  two'\n",
	  "line 1: a single-quoted string must end on its line (multi-line strings are not supported), saw \"'one\"" },
	{ "tab-indent", "a:\n\tb: 1\n", "line 2: a tab in the indentation (YAML indents with spaces only), saw \"\\x09b: 1\"" },
	{ "complex-key", "? a\n: b\n", "line 1: complex keys (?) are not supported, saw \"? a\"" },
	{ "directive", "%YAML 1.2\n---\na: 1\n", "line 1: directives (%) are not supported, saw \"%YAML 1.2\"" },
	{ "document-end", "a: 1\n...\n", "line 2: the document end marker '...' is not supported, saw \"...\"" },
	{ "value-on-separator", "--- a: 1\n", "line 1: a value on the '---' line is not supported; start it on the next line, saw \"a: 1\"" },
	{ "bad-indent-deeper", "a:\n  b: 1\n   c: 2\n", "line 3: bad indentation: more than the line above, saw \"c: 2\"" },
	{ "bad-indent-after-map", "a:\n  b:\n    c: 1\n   d: 2\n", "line 4: bad indentation: more than the keys above, saw \"d: 2\"" },
	{ "bad-indent-list", "a:\n  - x\n   - y\n", "line 3: bad indentation: more than the line above, saw \"- y\"" },
	{ "bad-indent-after-list-item", "- a:\n    b: 1\n - c\n", "line 3: bad indentation: more than the list items above, saw \"- c\"" },
	{ "bad-indent-dedent", "  a: 1\nb: 2\n", "line 2: bad indentation: less than the first line of the document, saw \"b: 2\"" },
	{ "list-among-keys", "a: 1\n- b\n", "line 2: a list item where a key of the mapping was expected, saw \"- b\"" },
	{ "scalar-among-keys", "a: 1\nplain\n", "line 2: expected \"key: value\", saw \"plain\"" },
	{ "colon-in-plain-value", "a: b: c\n",
	  "line 1: ': ' inside a plain value (a mapping cannot follow a key on its line); quote the value, saw \"b: c\"" },
	{ "list-after-key", "a: - b\n", "line 1: a list item cannot follow a key on the same line, saw \"- b\"" },
	{ "text-after-quoted", "a: \"x\" y\n", "line 1: unexpected text after the value, saw \"y\"" },
	{ "hex", "a: 0x1F\n", "line 1: a number in a form this reader does not convert (hex, octal, '_', '+', .inf, dates, versions); quote it if it is text, saw \"0x1F\"" },
	{ "octal", "a: 0755\n", "line 1: a number in a form this reader does not convert (hex, octal, '_', '+', .inf, dates, versions); quote it if it is text, saw \"0755\"" },
	{ "version", "a: 1.0.0\n", "line 1: a number in a form this reader does not convert (hex, octal, '_', '+', .inf, dates, versions); quote it if it is text, saw \"1.0.0\"" },
	{ "date", "a: 2024-01-01\n", "line 1: a number in a form this reader does not convert (hex, octal, '_', '+', .inf, dates, versions); quote it if it is text, saw \"2024-01-01\"" },
	{ "inf", "a: -.inf\n", "line 1: a number in a form this reader does not convert (hex, octal, '_', '+', .inf, dates, versions); quote it if it is text, saw \"-.inf\"" },
	{ "yaml11-bool", "a: yes\n", "line 1: a boolean to YAML 1.1 readers (Kubernetes) and a string to YAML 1.2 ones; quote it, or write true or false, saw \"yes\"" },
	{ "yaml11-bool-in-flow", "a: [x, off]\n", "line 1: a boolean to YAML 1.1 readers (Kubernetes) and a string to YAML 1.2 ones; quote it, or write true or false, saw \"off]\"" },
	{ "unknown-escape", "a: \"x\\qy\"\n", "line 1: an unknown escape in a double-quoted string, saw \"\\qy\"\"" },
	{ "short-unicode-escape", "a: \"\\u12\"\n", "line 1: a \\x, \\u or \\U escape needs 2, 4 or 8 hex digits, saw \"\\u12\"\"" },
	{ "surrogate-escape", "a: \"\\ud800\"\n", "line 1: an escape that is not a Unicode scalar value, saw \"\\ud800\"\"" },
	{ "invalid-utf8", "a: 1\nb: \xff\n", "line 2: invalid UTF-8" },
	{ "control-char", "a: 1\nb: x\x01y\n", "line 2: a control character (byte 1) in the text" },
	{ "null-key", "policyCondition:\n  Null:\n    k: \"false\"\n",
	  "line 2: a key YAML reads as null, a boolean or a number, not as text; quote it, saw \"Null:\"" },
	{ "bool-key", "True: 1\n", "line 1: a key YAML reads as null, a boolean or a number, not as text; quote it, saw \"True: 1\"" },
	{ "number-key", "a:\n  80: http\n", "line 2: a key YAML reads as null, a boolean or a number, not as text; quote it, saw \"80: http\"" },
	{ "empty-key", ": x\n", "line 1: a value without a key, saw \": x\"" },
	{ "reserved-start", "a: @x\n", "line 1: '@' and '`' are reserved and cannot start a plain value; quote it, saw \"@x\"" },
};

static void test_yaml_refuses_the_rest(void **state)
{
	size_t i, len;
	(void)state;
	for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		sv_yaml_map m;
		sv_err e;
		int rc = conv(refused[i].yaml, strlen(refused[i].yaml), &len, &m, &e);
		if (rc != SV_E_FORMAT)
			fail_msg("case %s: rc %d, expected SV_E_FORMAT (output %.*s)", refused[i].name, rc, (int)len, out);
		if (strcmp(e.msg, refused[i].msg) != 0)
			fail_msg("case %s:\n  got  %s\n  want %s", refused[i].name, e.msg, refused[i].msg);
	}
}

static void test_yaml_limits(void **state)
{
	static char deep[1024];
	char small[8];
	sv_yaml_line one[3];
	sv_yaml_map m;
	size_t n = 0, i, len;
	sv_err e;
	(void)state;
	/* nesting: one map per level, SV_MAX_JSON_DEPTH + 1 levels */
	for (i = 0; i <= SV_MAX_JSON_DEPTH; i++) {
		memset(deep + n, ' ', 2 * i);
		n += 2 * i;
		n += (size_t)sprintf(deep + n, "k%zu:\n", i);
	}
	assert_int_equal(conv(deep, n, &len, &m, &e), SV_E_LIMIT);
	assert_string_equal(e.msg, "line 17: nested deeper than SV_MAX_JSON_DEPTH");
	/* the output buffer */
	m.at = lines;
	m.cap = 16;
	assert_int_equal(sv_yaml_to_json("a: 12345\n", 9, small, sizeof small, &len, &m, &e), SV_E_LIMIT);
	assert_string_equal(e.msg, "line 1: the document's JSON form does not fit the output buffer");
	/* the line map */
	m.at = one;
	m.cap = 3;
	assert_int_equal(sv_yaml_to_json("a: 1\nb: 2\n", 10, out, sizeof out, &len, &m, &e), SV_E_LIMIT);
	assert_string_equal(e.msg, "line 2: more keys and values than the line map holds");
}

/* Errors found later, in the JSON, name the YAML line. */
static void test_yaml_json_errors_name_the_line(void **state)
{
	static const char y[] = "apiVersion: v1\nkind: CredentialsRequest\nmetadata:\n  name: a\n  name: b\n";
	sv_yaml_map m;
	sv_json d;
	sv_err e;
	size_t len;
	(void)state;
	assert_int_equal(conv(y, sizeof y - 1, &len, &m, &e), SV_OK);
	assert_int_equal(sv_json_parse(&d, out, len, tok, sizeof tok / sizeof tok[0], &e), SV_E_JSON);
	sv_yaml_err_to_line(&m, &e);
	assert_string_equal(e.msg, "line 5: duplicate member name \"name\"");
	/* an error with no "offset" prefix keeps its words */
	e.pos = 0;
	strcpy(e.msg, "empty document");
	sv_yaml_err_to_line(&m, &e);
	assert_string_equal(e.msg, "line 1: empty document");
}

#define CR SV_SHARED_DIR "/vectors/credentials-requests/"

/* Every real CredentialsRequest file reads: its documents, each a CredentialsRequest. */
static const struct {
	const char *file;
	int docs;
} real[] = {
	{ "manifests/00-ingress-credentials-request.yaml", 5 },
	{ "manifests/0000_30_machine-api-operator_00_credentials-request.yaml", 8 },
	{ "manifests/01-registry-credentials-request.yaml", 1 },
	{ "manifests/02-cncc-credentials.yaml", 4 },
	{ "manifests/03_credentials_request_aws.yaml", 1 },
	{ "manifests/05-iam-ro-credentialsrequest.yaml", 1 },
	{ "manifests/albo-controller-credentials-request.yaml", 1 },
	{ "manifests/albo-operator-credentials-request.yaml", 1 },
	{ "older/00-ingress-credentials-request@9fbe971.yaml", 6 },
	{ "older/0000_30_machine-api-operator_00_credentials-request@ea46700.yaml", 8 },
	{ "older/03_credentials_request_aws@cb5069a.yaml", 1 },
};

static void test_yaml_reads_every_real_request(void **state)
{
	size_t i, len, flen = 0;
	(void)state;
	for (i = 0; i < sizeof real / sizeof real[0]; i++) {
		char path[512];
		char *y;
		sv_yaml_map m;
		sv_json d;
		sv_err e;
		int k, doc;
		snprintf(path, sizeof path, CR "%s", real[i].file);
		y = th_read(path, &flen);
		assert_non_null(y);
		if (conv(y, flen, &len, &m, &e) != SV_OK)
			fail_msg("%s: %s", real[i].file, e.msg);
		if (sv_json_parse(&d, out, len, tok, sizeof tok / sizeof tok[0], &e) != SV_OK)
			fail_msg("%s: JSON: %s", real[i].file, e.msg);
		if (sv_json_count(&d, 0) != real[i].docs)
			fail_msg("%s: %d documents, expected %d", real[i].file, sv_json_count(&d, 0), real[i].docs);
		for (k = 0, doc = 1; k < real[i].docs; k++, doc = sv_json_next(&d, doc)) {
			int kind = sv_json_get(&d, doc, SV_LIT("kind"));
			if (!sv_json_str_eq(&d, kind, SV_LIT("CredentialsRequest")))
				fail_msg("%s: document %d is not a CredentialsRequest", real[i].file, k + 1);
		}
		free(y);
	}
}

/* The line map points back at the YAML. */
static void test_yaml_line_map(void **state)
{
	sv_yaml_map m;
	sv_err e;
	size_t len, flen = 0;
	char *y = th_read(CR "manifests/0000_30_machine-api-operator_00_credentials-request.yaml", &flen);
	const char *hit;
	(void)state;
	assert_non_null(y);
	assert_int_equal(conv(y, flen, &len, &m, &e), SV_OK);
	out[len] = '\0';
	hit = strstr(out, "\"kms:ReEncrypt*\"");
	assert_non_null(hit);
	assert_int_equal(sv_yaml_line_of(&m, (size_t)(hit - out)), 50);
	assert_int_equal(sv_yaml_line_of(&m, (size_t)(hit - out) + 5), 50);
	assert_int_equal(sv_yaml_line_of(&m, 0), 1);
	free(y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_reads_the_subset),
		cmocka_unit_test(test_yaml_refuses_the_rest),
		cmocka_unit_test(test_yaml_limits),
		cmocka_unit_test(test_yaml_json_errors_name_the_line),
		cmocka_unit_test(test_yaml_reads_every_real_request),
		cmocka_unit_test(test_yaml_line_map),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
