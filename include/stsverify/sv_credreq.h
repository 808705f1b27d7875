/*
 * sv_credreq.h -- OpenShift CredentialsRequests: the small YAML subset
 * that `oc adm release extract --credentials-requests` writes, and a view
 * of one AWS request (spec.providerSpec.statementEntries, secretRef,
 * serviceAccountNames) read from that YAML or from
 * `oc get credentialsrequest [NAME] -o json` (one object or a List).
 */
#ifndef SV_CREDREQ_H
#define SV_CREDREQ_H

#include "sv.h"

/* ------------------------------------------------------------------ */
/* The YAML subset, read into JSON text                                */
/* ------------------------------------------------------------------ */

/* Where one key or value the YAML reader wrote came from. */
typedef struct sv_yaml_line {
	uint32_t off;      /* its first byte in the JSON text */
	uint32_t line;     /* 1-based line in the YAML text */
} sv_yaml_line;

typedef struct sv_yaml_map {
	sv_yaml_line *at;  /* caller memory, in JSON order */
	size_t        cap;
	size_t        n;
} sv_yaml_map;

/*
 * Reads the YAML subset and writes the same data as JSON text into out
 * (not NUL-terminated): an array holding one value per document ("---"
 * separates documents; empty ones are left out). map gets one entry per
 * key and value written, so errors found later in the JSON can name a line.
 *
 * Read: block mappings and sequences (a sequence may sit at its key's own
 * indentation), plain scalars on one line, single- and double-quoted
 * strings on one line, flow sequences of scalars on one line
 * (["a", b]), the empty flow collections [] and {}, comments, "---", a
 * leading UTF-8 byte order mark. Keys are strings. Plain values resolve
 * only where YAML 1.1 (go-yaml v2, which Kubernetes uses) and YAML 1.2
 * agree: ~, null, Null, NULL and nothing are null; true and false (also
 * Title and UPPER case) are booleans; decimal numbers in JSON's grammar
 * are numbers. Where they differ the value is refused rather than guessed:
 * yes/no/on/off/y/n, other numeric forms (0x1F, 017, 1_000, +1, .5, .inf,
 * 1.0.0, 2024-01-01): quote them.
 *
 * Refused with SV_E_FORMAT and "line N: <what is not supported>, saw
 * <text>": anchors (&), aliases (*), tags (!), block scalars (| >),
 * non-empty flow mappings, nested flow collections, multi-line scalars,
 * complex keys (?), directives (%), "...", tabs in indentation, bad
 * indentation, invalid UTF-8. SV_E_LIMIT when out or map is full or the
 * nesting passes SV_MAX_JSON_DEPTH.
 */
int sv_yaml_to_json(const char *y, size_t n, char *out, size_t cap, size_t *len, sv_yaml_map *map,
                    sv_err *err);

/* The YAML line of JSON offset off: the nearest key or value at or before it. */
size_t sv_yaml_line_of(const sv_yaml_map *m, size_t off);

/*
 * Rewrites an error about the JSON text ("offset N: ...", or a message
 * with err->pos and no offset) to name the YAML line instead ("line L: ...").
 */
void sv_yaml_err_to_line(const sv_yaml_map *m, sv_err *err);

/* ------------------------------------------------------------------ */
/* CredentialsRequests                                                 */
/* ------------------------------------------------------------------ */

/* One CredentialsRequest found in a document. */
typedef struct sv_cr_item {
	int   obj;             /* its object token */
	sv_sv name;            /* metadata.name, SV_NULL when absent */
	sv_sv provider_kind;   /* spec.providerSpec.kind ("AWSProviderSpec"), SV_NULL when absent */
} sv_cr_item;

/*
 * The CredentialsRequests in d: the document itself, the items of a
 * "kind: List", or the documents of a YAML stream (an array as
 * sv_yaml_to_json writes it; documents of other kinds are passed over).
 * Names are decoded into a. SV_E_FORMAT ("offset N: ...") when there is no
 * CredentialsRequest at all or one is not an object; SV_E_LIMIT past cap.
 */
int sv_credreq_list(const sv_json *d, sv_arena *a, sv_cr_item *items, size_t cap, size_t *n,
                    sv_err *err);

/* One spec.providerSpec.statementEntries element. */
typedef struct sv_cr_entry {
	int    obj;            /* the entry object */
	int    deny;           /* effect is "Deny" */
	int    actions;        /* the action array token */
	size_t nactions;
	sv_sv  resource;       /* decoded */
	int    cond;           /* policyCondition object token, -1 when absent or {} */
} sv_cr_entry;

typedef struct sv_credreq {
	const sv_json *doc;
	int    obj;
	sv_sv  name, ns;                  /* metadata.name / namespace, SV_NULL when absent */
	sv_sv  secret_name, secret_ns;    /* spec.secretRef, SV_NULL when absent */
	int    sas;                       /* spec.serviceAccountNames array token, -1 */
	size_t nsas;
	sv_cr_entry e[SV_MAX_CR_ENTRIES];
	size_t n;
	size_t nactions;                  /* over all entries */
} sv_credreq;

/*
 * Reads the AWS CredentialsRequest at token obj. Strings are decoded into
 * a. SV_E_FORMAT ("offset N: spec.providerSpec.statementEntries[2].action
 * must be a list of strings", "... is an AzureProviderSpec request, not
 * AWS"), SV_E_LIMIT past SV_MAX_CR_ENTRIES.
 */
int sv_credreq_parse(sv_credreq *cr, const sv_json *d, int obj, sv_arena *a, sv_err *err);

#endif
