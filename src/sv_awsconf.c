/*
 * sv_awsconf.c -- AWS shared config / credentials files, the OpenShift
 * cloud-credentials Secret and the environment, read as botocore reads them.
 * Zero allocation: views into the caller's text. See sv_awsconf.h.
 */
#include "sv_internal.h"
#include "stsverify/sv_awsconf.h"

/* ---- lines ------------------------------------------------------------ */

static int ws(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

static sv_sv trim(sv_sv s)
{
	while (s.n && ws(s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n && ws(s.p[s.n - 1]))
		s.n--;
	return s;
}

/* The line at pos (without its end) and the offset of the next line. */
static sv_sv line_at(sv_sv t, size_t pos, size_t *next)
{
	size_t e = pos;
	while (e < t.n && t.p[e] != '\n' && t.p[e] != '\r')
		e++;
	*next = e;
	if (e < t.n)
		*next = (t.p[e] == '\r' && e + 1 < t.n && t.p[e + 1] == '\n') ? e + 2 : e + 1;
	return sv_slice(t, pos, e);
}

static size_t indent_of(sv_sv line)
{
	size_t i = 0;
	while (i < line.n && ws(line.p[i]))
		i++;
	return i;
}

/* Blank, or a full-line comment: never part of a value, never ends one. */
static int skip_line(sv_sv stripped)
{
	return stripped.n == 0 || stripped.p[0] == '#' || stripped.p[0] == ';';
}

void sv_ini_init(sv_ini *it, sv_sv text)
{
	it->text = text;
	it->pos = 0;
	it->line = 0;
	it->section = SV_NULL;
	it->have_section = 0;
	it->have_option = 0;
	it->indent = 0;
}

static int text_check(sv_sv t, sv_err *err)
{
	size_t bad;
	if (t.n >= 3 && (unsigned char)t.p[0] == 0xEF && (unsigned char)t.p[1] == 0xBB &&
	    (unsigned char)t.p[2] == 0xBF) {
		sv_err_set(err, SV_E_FORMAT, 0,
		           "line 1: starts with a UTF-8 byte-order mark; Python's configparser "
		           "then sees no section header (save the file without a BOM)");
		return SV_E_FORMAT;
	}
	if (sv_utf8_check(t.p, t.n, &bad)) {
		sv_err_set(err, SV_E_FORMAT, bad, "offset %z: invalid UTF-8", bad);
		return SV_E_FORMAT;
	}
	return SV_OK;
}

/* see sv_awsconf.h */
int sv_ini_next(sv_ini *it, sv_ini_ev *ev, sv_err *err)
{
	sv_sv t = it->text;
	if (it->pos == 0 && it->line == 0 && text_check(t, err) != SV_OK)
		return SV_E_FORMAT;
	while (it->pos < t.n) {
		size_t start = it->pos, next, ln;
		sv_sv line = line_at(t, start, &next), s = trim(line);
		size_t close, d;

		it->pos = next;
		ln = ++it->line;
		if (skip_line(s))
			continue;
		/* a section header: '[' + at least one byte + the last ']' of the line */
		close = s.n;
		while (close > 0 && s.p[close - 1] != ']')
			close--;
		if (s.p[0] == '[' && close >= 3) {
			it->section = sv_slice(s, 1, close - 1);
			it->have_section = 1;
			it->have_option = 0;
			it->indent = indent_of(line);
			ev->kind = SV_INI_SECTION;
			ev->section = it->section;
			ev->key = ev->value = ev->block = SV_NULL;
			ev->line = ln;
			ev->pos = start;
			return 1;
		}
		if (!it->have_section) {
			sv_err_set(err, SV_E_FORMAT, start,
			           "line %z: %q comes before any [section] header", ln, s);
			return SV_E_FORMAT;
		}
		for (d = 0; d < s.n && s.p[d] != '=' && s.p[d] != ':'; d++)
			;
		if (d == s.n) {
			sv_err_set(err, SV_E_FORMAT, start, "line %z: %q is not \"key = value\"", ln, s);
			return SV_E_FORMAT;
		}
		ev->kind = SV_INI_OPTION;
		ev->section = it->section;
		ev->key = trim(sv_slice(s, 0, d));
		ev->value = trim(sv_slice(s, d + 1, s.n));
		ev->block = SV_NULL;
		ev->line = ln;
		ev->pos = start;
		if (ev->key.n == 0) {
			sv_err_set(err, SV_E_FORMAT, start, "line %z: %q has no key before '%s'", ln, s,
			           s.p[d] == '=' ? "=" : ":");
			return SV_E_FORMAT;
		}
		it->have_option = 1;
		it->indent = indent_of(line);
		/* continuation lines: deeper indent; blanks and comments in between do not end it */
		{
			size_t p = it->pos, l = it->line, bstart = 0, bend = 0;
			int any = 0;
			while (p < t.n) {
				size_t nx;
				sv_sv cl = line_at(t, p, &nx), cs = trim(cl);
				if (!skip_line(cs)) {
					if (indent_of(cl) <= it->indent)
						break;
					if (!any)
						bstart = p;
					any = 1;
					bend = p + cl.n;
					it->pos = nx;
					it->line = l + 1;
				}
				p = nx;
				l++;
			}
			if (any)
				ev->block = sv_slice(t, bstart, bend);
		}
		return 1;
	}
	return 0;
}

/* see sv_awsconf.h */
int sv_ini_validate(sv_sv text, sv_err *err)
{
	sv_ini a;
	sv_ini_ev ea;
	int r;

	sv_ini_init(&a, text);
	while ((r = sv_ini_next(&a, &ea, err)) == 1) {
		sv_ini b;
		sv_ini_ev eb;
		sv_err ignore;
		sv_sv cur = SV_NULL;
		int dup = 0;

		sv_ini_init(&b, text);
		while (sv_ini_next(&b, &eb, &ignore) == 1 && eb.pos < ea.pos) {
			if (eb.kind == SV_INI_SECTION)
				cur = eb.section;
			if (ea.kind == SV_INI_SECTION && eb.kind == SV_INI_SECTION &&
			    sv_eq(ea.section, eb.section) && !sv_eq(ea.section, SV_LIT("DEFAULT")))
				dup = 1;
			if (ea.kind == SV_INI_OPTION && eb.kind == SV_INI_OPTION && sv_eq(cur, ea.section) &&
			    sv_eq_nocase(ea.key, eb.key))
				dup = 1;
			if (dup)
				break;
		}
		if (dup && ea.kind == SV_INI_SECTION) {
			sv_err_set(err, SV_E_FORMAT, ea.pos,
			           "line %z: section [%v] appears again (first on line %z)", ea.line,
			           ea.section, eb.line);
			return SV_E_FORMAT;
		}
		if (dup) {
			sv_err_set(err, SV_E_FORMAT, ea.pos,
			           "line %z: key %q appears again in [%v] (first on line %z)", ea.line,
			           ea.key, ea.section, eb.line);
			return SV_E_FORMAT;
		}
	}
	return r < 0 ? r : SV_OK;
}

/* see sv_awsconf.h */
int sv_ini_find(sv_sv text, sv_sv section, sv_sv key, sv_ini_ev *out)
{
	sv_ini it;
	sv_ini_ev ev, dflt;
	sv_err ignore;
	int in_sec = 0, in_default = 0, seen = 0, found = 0, have_dflt = 0;

	sv_ini_init(&it, text);
	while (sv_ini_next(&it, &ev, &ignore) == 1) {
		if (ev.kind == SV_INI_SECTION) {
			in_sec = sv_eq(ev.section, section);
			in_default = sv_eq(ev.section, SV_LIT("DEFAULT"));
			seen |= in_sec;
			continue;
		}
		if (!sv_eq_nocase(ev.key, key))
			continue;
		if (in_sec) {
			if (out)
				*out = ev;
			found = 1;
		} else if (in_default) {
			dflt = ev;
			have_dflt = 1;
		}
	}
	if (found)
		return 1;
	if (seen && have_dflt) {
		if (out)
			*out = dflt;
		return 1;
	}
	return 0;
}

/* see sv_awsconf.h */
int sv_ini_nested(sv_sv block, sv_sv key, sv_sv *value)
{
	size_t p = 0;
	int found = 0;
	while (p < block.n) {
		size_t nx, eq;
		sv_sv s = trim(line_at(block, p, &nx));
		p = nx;
		if (skip_line(s))
			continue;
		eq = sv_find(s, '=', 0);
		if (eq == (size_t)-1)
			continue;
		/* later lines win, as dict assignment does */
		if (sv_eq(trim(sv_slice(s, 0, eq)), key)) {
			*value = trim(sv_slice(s, eq + 1, s.n));
			found = 1;
		}
	}
	return found;
}

/* ---- section names ---------------------------------------------------- */

/*
 * shlex.split (POSIX mode) of a section name into at most two words,
 * decoded into w0/w1. Returns the word count (3 means "more than two"),
 * or -1 where shlex raises ValueError or a word does not fit.
 */
static int shlex2(sv_sv s, char *w0, char *w1, size_t cap, sv_sv *a, sv_sv *b)
{
	size_t i = 0;
	int nw = 0;
	while (i < s.n) {
		char *w;
		size_t len = 0;
		int any = 0;
		while (i < s.n && (s.p[i] == ' ' || s.p[i] == '\t' || s.p[i] == '\r' || s.p[i] == '\n'))
			i++;
		if (i == s.n)
			break;
		if (nw == 2)
			return 3;
		w = nw == 0 ? w0 : w1;
		while (i < s.n && !(s.p[i] == ' ' || s.p[i] == '\t' || s.p[i] == '\r' || s.p[i] == '\n')) {
			char c = s.p[i++], q;
			any = 1;
			if (c == '\\') {
				if (i == s.n)
					return -1;          /* "No escaped character" */
				c = s.p[i++];
			} else if (c == '\'' || c == '"') {
				q = c;
				for (;;) {
					if (i == s.n)
						return -1;  /* "No closing quotation" */
					c = s.p[i++];
					if (c == q)
						break;
					if (q == '"' && c == '\\' && i < s.n && (s.p[i] == '"' || s.p[i] == '\\'))
						c = s.p[i++];
					if (len == cap)
						return -1;
					w[len++] = c;
				}
				continue;
			}
			if (len == cap)
				return -1;
			w[len++] = c;
		}
		if (any) {
			sv_sv v;
			v.p = w;
			v.n = len;
			if (nw == 0)
				*a = v;
			else
				*b = v;
			nw++;
		}
	}
	return nw;
}

/* The name a section gives in the config file: "default", "profile x" -> x, "services x" -> x. */
static int section_names(sv_sv section, sv_sv prefix, sv_sv name)
{
	char w0[256], w1[256];
	sv_sv a, b;
	if (sv_eq(prefix, SV_LIT("profile")) && sv_eq(section, SV_LIT("default")))
		return sv_eq(name, SV_LIT("default"));
	if (!sv_has_prefix(section, prefix))
		return 0;
	return shlex2(section, w0, w1, sizeof w0, &a, &b) == 2 && sv_eq(b, name);
}

/*
 * The header text of the section that supplies profile (or services) name:
 * the last one in file order, as botocore's dict updates let it win.
 */
static int config_section(sv_sv text, sv_sv prefix, sv_sv name, sv_sv *section)
{
	sv_ini it;
	sv_ini_ev ev;
	sv_err ignore;
	int found = 0;
	sv_ini_init(&it, text);
	while (sv_ini_next(&it, &ev, &ignore) == 1) {
		if (ev.kind == SV_INI_SECTION && section_names(ev.section, prefix, name)) {
			*section = ev.section;
			found = 1;
		}
	}
	return found;
}

/* ---- the Secret ------------------------------------------------------- */

/* see sv_awsconf.h */
int sv_awsconf_secret(sv_sv doc, jsmntok_t *tok, size_t ntok, char *out, size_t cap,
                      sv_sv *ini, sv_err *err)
{
	sv_json d;
	int rc, data, cred, kind;
	size_t i = 0, n;
	sv_sv raw;

	while (i < doc.n && (ws(doc.p[i]) || doc.p[i] == '\n' || doc.p[i] == '\r'))
		i++;
	if (i == doc.n || doc.p[i] != '{') {
		sv_sv rest = sv_slice(doc, i, doc.n);
		if (sv_has_prefix(rest, SV_LIT("apiVersion:")) || sv_has_prefix(rest, SV_LIT("kind:"))) {
			sv_err_set(err, SV_E_FORMAT, i,
			           "this is the Secret as YAML; give the ini text (oc extract "
			           "secret/cloud-credentials --to=-) or the JSON (oc get secret -o json)");
			return SV_E_FORMAT;
		}
		*ini = doc;
		return SV_OK;
	}
	rc = sv_json_parse(&d, doc.p, doc.n, tok, ntok, err);
	if (rc != SV_OK)
		return rc;
	if (sv_json_type(&d, 0) != JSMN_OBJECT) {
		sv_err_set(err, SV_E_FORMAT, 0, "the JSON is not an object (expected a Secret)");
		return SV_E_FORMAT;
	}
	kind = sv_json_get(&d, 0, SV_LIT("kind"));
	if (kind >= 0 && !sv_json_str_eq(&d, kind, SV_LIT("Secret"))) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d.tok[kind].start,
		           "offset %d: kind is %q, not \"Secret\"", d.tok[kind].start, sv_json_raw(&d, kind));
		return SV_E_FORMAT;
	}
	data = sv_json_get(&d, 0, SV_LIT("data"));
	cred = data >= 0 && sv_json_type(&d, data) == JSMN_OBJECT
	           ? sv_json_get(&d, data, SV_LIT("credentials")) : -1;
	if (cred < 0) {
		/* a manifest (ccoctl writes stringData): the text itself */
		int sd = sv_json_get(&d, 0, SV_LIT("stringData"));
		int sc = sd >= 0 && sv_json_type(&d, sd) == JSMN_OBJECT
		             ? sv_json_get(&d, sd, SV_LIT("credentials")) : -1;
		if (sc >= 0 && sv_json_type(&d, sc) == JSMN_STRING) {
			sv_arena a;
			sv_arena_init(&a, out, cap);
			if (sv_json_str(&d, sc, &a, ini) != SV_OK) {
				sv_err_set(err, SV_E_LIMIT, (size_t)d.tok[sc].start,
				           "stringData.credentials does not fit in %z bytes", cap);
				return SV_E_LIMIT;
			}
			return SV_OK;
		}
		sv_err_set(err, SV_E_FORMAT, 0,
		           "the Secret has no data.credentials (is this the cloud-credentials Secret?)");
		return SV_E_FORMAT;
	}
	if (sv_json_type(&d, cred) != JSMN_STRING) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d.tok[cred].start,
		           "offset %d: data.credentials is not a string", d.tok[cred].start);
		return SV_E_FORMAT;
	}
	raw = sv_json_raw(&d, cred);
	if (sv_find(raw, '\\', 0) != (size_t)-1) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d.tok[cred].start,
		           "offset %d: data.credentials holds JSON escapes; base64 never needs them",
		           d.tok[cred].start);
		return SV_E_FORMAT;
	}
	rc = sv_b64std_decode(raw, (unsigned char *)out, cap, &n, err);
	if (rc != SV_OK) {
		sv_err e2 = *err;
		sv_err_set(err, rc, (size_t)d.tok[cred].start + e2.pos,
		           "data.credentials: %s", e2.msg);
		return rc;
	}
	ini->p = out;
	ini->n = n;
	return SV_OK;
}

/* ---- resolution ------------------------------------------------------- */

const char *sv_src_name(sv_src s)
{
	switch (s) {
	case SV_SRC_FLAG: return "flag";
	case SV_SRC_ENV: return "env";
	case SV_SRC_CONFIG: return "config";
	case SV_SRC_CREDENTIALS: return "credentials";
	case SV_SRC_DEFAULT: return "default";
	case SV_SRC_NONE: break;
	}
	return "none";
}

typedef struct resolver {
	const sv_awsconf_in *in;
	sv_sv cfg_sec;      /* the profile's section header in config, if any */
	sv_sv cred_sec;     /* ... in credentials */
	int   have_cfg, have_cred;
} resolver;

static void set(sv_setting *s, sv_sv v, sv_src src, const char *name, size_t line)
{
	s->v = v;
	s->src = src;
	s->name = name;
	s->line = line;
}

/* The environment variable, SV_OK only when set (and, unless keep_empty, non-empty). */
static int env(const resolver *r, const char *name, int keep_empty, sv_sv *v)
{
	if (!r->in->getenv || r->in->getenv(name, v) != SV_OK)
		return SV_E_NOENT;
	if (!keep_empty && v->n == 0)
		return SV_E_NOENT;
	return SV_OK;
}

static int single_line(const sv_ini_ev *ev, const char *file, sv_err *err)
{
	if (ev->block.n == 0)
		return SV_OK;
	sv_err_set(err, SV_E_FORMAT, ev->pos,
	           "%s line %z: the value of %v continues on indented lines (botocore would join "
	           "them with newlines); put it on one line", file, ev->line, ev->key);
	return SV_E_FORMAT;
}

/* key from the profile: credentials file over config file (botocore merges with update()). */
static int profile_key(const resolver *r, const char *key, sv_setting *s, sv_err *err)
{
	sv_ini_ev ev;
	if (r->have_cred && sv_ini_find(r->in->credentials, r->cred_sec, sv_from_cstr(key), &ev)) {
		if (single_line(&ev, "credentials", err) != SV_OK)
			return SV_E_FORMAT;
		set(s, ev.value, SV_SRC_CREDENTIALS, key, ev.line);
		return 1;
	}
	if (r->have_cfg && sv_ini_find(r->in->config, r->cfg_sec, sv_from_cstr(key), &ev)) {
		if (single_line(&ev, "config", err) != SV_OK)
			return SV_E_FORMAT;
		set(s, ev.value, SV_SRC_CONFIG, key, ev.line);
		return 1;
	}
	return 0;
}

/* env (unless disabled) then profile, as AssumeRoleWithWebIdentityProvider._get_config. */
static int web_identity_key(const resolver *r, int env_disabled, const char *envname,
                            const char *key, sv_setting *s, sv_err *err)
{
	sv_sv v;
	if (!env_disabled && env(r, envname, 1, &v) == SV_OK) {
		set(s, v, SV_SRC_ENV, envname, 0);
		return SV_OK;
	}
	return profile_key(r, key, s, err) < 0 ? SV_E_FORMAT : SV_OK;
}

/* botocore's ensure_boolean over env then profile: only "true" (any case) is true */
static int flag_setting(const resolver *r, const char *envname, const char *key, int *on, sv_err *err)
{
	sv_sv v;
	sv_setting s;
	int rc;
	memset(&s, 0, sizeof s);
	if (env(r, envname, 1, &v) == SV_OK)
		s.v = v;
	else if ((rc = profile_key(r, key, &s, err)) < 0)
		return rc;
	*on = sv_eq_nocase(s.v, SV_LIT("true"));
	return SV_OK;
}

static int endpoint_url(const resolver *r, sv_awsconf *o, sv_err *err)
{
	sv_sv v;
	sv_setting ign;
	int rc;

	memset(&ign, 0, sizeof ign);
	if (env(r, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", 0, &v) == SV_OK) {
		set(&ign, v, SV_SRC_ENV, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", 0);
	} else if ((rc = profile_key(r, "ignore_configured_endpoint_urls", &ign, err)) < 0) {
		return rc;
	}
	o->ignore_endpoint_urls = ign.src != SV_SRC_NONE && sv_eq_nocase(ign.v, SV_LIT("true"));
	if (o->ignore_endpoint_urls)
		return SV_OK;
	if (env(r, "AWS_ENDPOINT_URL_STS", 0, &v) == SV_OK) {
		set(&o->endpoint_url, v, SV_SRC_ENV, "AWS_ENDPOINT_URL_STS", 0);
		return SV_OK;
	}
	if (env(r, "AWS_ENDPOINT_URL", 0, &v) == SV_OK) {
		set(&o->endpoint_url, v, SV_SRC_ENV, "AWS_ENDPOINT_URL", 0);
		return SV_OK;
	}
	if ((rc = profile_key(r, "services", &o->services, err)) < 0)
		return rc;
	if (rc == 1) {
		sv_sv sec;
		sv_ini_ev ev;
		if (!r->in->config.p ||
		    !config_section(r->in->config, SV_LIT("services"), o->services.v, &sec)) {
			sv_err_set(err, SV_E_FORMAT, 0,
			           "The profile is configured to use the services section but the \"%v\" "
			           "services configuration does not exist.", o->services.v);
			return SV_E_FORMAT;
		}
		if (sv_ini_find(r->in->config, sec, SV_LIT("sts"), &ev) && ev.value.n == 0 &&
		    sv_ini_nested(ev.block, SV_LIT("endpoint_url"), &v) && v.n > 0) {
			set(&o->endpoint_url, v, SV_SRC_CONFIG, "[services] sts endpoint_url", ev.line);
			return SV_OK;
		}
	}
	if ((rc = profile_key(r, "endpoint_url", &o->endpoint_url, err)) < 0)
		return rc;
	if (rc == 1 && o->endpoint_url.v.n == 0)
		memset(&o->endpoint_url, 0, sizeof o->endpoint_url);
	return SV_OK;
}

/* see sv_awsconf.h */
int sv_awsconf_resolve(const sv_awsconf_in *in, sv_awsconf *o, sv_err *err)
{
	resolver r;
	sv_sv v, v2;
	int rc;

	memset(o, 0, sizeof *o);
	memset(&r, 0, sizeof r);
	r.in = in;
	if (in->config.p && (rc = sv_ini_validate(in->config, err)) != SV_OK) {
		sv_err e2 = *err;
		sv_err_set(err, rc, e2.pos, "config %s", e2.msg);
		return rc;
	}
	if (in->credentials.p && (rc = sv_ini_validate(in->credentials, err)) != SV_OK) {
		sv_err e2 = *err;
		sv_err_set(err, rc, e2.pos, "credentials %s", e2.msg);
		return rc;
	}

	/* the profile: explicit, then AWS_DEFAULT_PROFILE, AWS_PROFILE, "default" */
	if (in->profile.p) {
		set(&o->profile, in->profile, SV_SRC_FLAG, "--profile", 0);
		o->env_disabled = 1;
	} else if (env(&r, "AWS_DEFAULT_PROFILE", 0, &v) == SV_OK) {
		set(&o->profile, v, SV_SRC_ENV, "AWS_DEFAULT_PROFILE", 0);
	} else if (env(&r, "AWS_PROFILE", 0, &v) == SV_OK) {
		set(&o->profile, v, SV_SRC_ENV, "AWS_PROFILE", 0);
	} else {
		set(&o->profile, SV_LIT("default"), SV_SRC_DEFAULT, NULL, 0);
	}
	r.have_cfg = in->config.p &&
	             config_section(in->config, SV_LIT("profile"), o->profile.v, &r.cfg_sec);
	if (in->credentials.p) {
		sv_ini it;
		sv_ini_ev ev;
		sv_err ignore;
		sv_ini_init(&it, in->credentials);
		while (sv_ini_next(&it, &ev, &ignore) == 1)
			if (ev.kind == SV_INI_SECTION && sv_eq(ev.section, o->profile.v)) {
				r.cred_sec = ev.section;
				r.have_cred = 1;
			}
	}
	o->profile_found = r.have_cfg || r.have_cred;
	if (!o->profile_found && o->profile.src != SV_SRC_DEFAULT) {
		sv_err_set(err, SV_E_NOENT, 0, "The config profile (%v) could not be found",
		           o->profile.v);
		return SV_E_NOENT;
	}

	if ((rc = web_identity_key(&r, o->env_disabled, "AWS_ROLE_ARN", "role_arn", &o->role_arn,
	                           err)) != SV_OK ||
	    (rc = web_identity_key(&r, o->env_disabled, "AWS_WEB_IDENTITY_TOKEN_FILE",
	                           "web_identity_token_file", &o->token_file, err)) != SV_OK ||
	    (rc = web_identity_key(&r, o->env_disabled, "AWS_ROLE_SESSION_NAME", "role_session_name",
	                           &o->session_name, err)) != SV_OK)
		return rc;

	/* region */
	if (in->sdk == SV_SDK_CLI_V2 && env(&r, "AWS_REGION", 0, &v) == SV_OK)
		set(&o->region, v, SV_SRC_ENV, "AWS_REGION", 0);
	else if (env(&r, "AWS_DEFAULT_REGION", 0, &v) == SV_OK)
		set(&o->region, v, SV_SRC_ENV, "AWS_DEFAULT_REGION", 0);
	else if ((rc = profile_key(&r, "region", &o->region, err)) < 0)
		return rc;
	if (o->region.src != SV_SRC_NONE && o->region.v.n == 0)
		memset(&o->region, 0, sizeof o->region);

	/* sts_regional_endpoints */
	if (in->sdk == SV_SDK_CLI_V2) {
		set(&o->sts_regional_endpoints, SV_LIT("regional"), SV_SRC_DEFAULT, NULL, 0);
	} else {
		if (env(&r, "AWS_STS_REGIONAL_ENDPOINTS", 0, &v) == SV_OK)
			set(&o->sts_regional_endpoints, v, SV_SRC_ENV, "AWS_STS_REGIONAL_ENDPOINTS", 0);
		else if ((rc = profile_key(&r, "sts_regional_endpoints", &o->sts_regional_endpoints,
		                           err)) < 0)
			return rc;
		if (o->sts_regional_endpoints.src == SV_SRC_NONE || o->sts_regional_endpoints.v.n == 0)
			set(&o->sts_regional_endpoints,
			    in->sdk == SV_SDK_BOTOCORE_OLD ? SV_LIT("legacy") : SV_LIT("regional"),
			    SV_SRC_DEFAULT, NULL, 0);
		v2 = o->sts_regional_endpoints.v;
		if (!sv_eq(v2, SV_LIT("legacy")) && !sv_eq(v2, SV_LIT("regional"))) {
			sv_err_set(err, SV_E_FORMAT, 0,
			           "STS regional endpoints option %v is invalid. Valid options are: "
			           "\"legacy\", \"regional\"", v2);
			return SV_E_FORMAT;
		}
	}

	if (in->sdk != SV_SDK_BOTOCORE_OLD && (rc = endpoint_url(&r, o, err)) != SV_OK)
		return rc;
	if ((rc = flag_setting(&r, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", &o->use_fips, err)) != SV_OK ||
	    (rc = flag_setting(&r, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint",
	                       &o->use_dualstack, err)) != SV_OK)
		return rc;

	o->env_static_keys = env(&r, "AWS_ACCESS_KEY_ID", 0, &v) == SV_OK &&
	                     env(&r, "AWS_SECRET_ACCESS_KEY", 0, &v2) == SV_OK;
	return SV_OK;
}
