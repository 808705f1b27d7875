/*
 * sv_awsconf.h -- the inputs of AssumeRoleWithWebIdentity as the AWS SDKs
 * read them: the OpenShift cloud-credentials Secret, AWS shared config and
 * credentials files, and the environment, with botocore's precedence
 * (../shared/spec/STS-FACTS.md section i).
 *
 * Zero allocation: every value is a view into the caller's buffer (the file
 * text) or into what the environment callback returned. The environment is a
 * callback so the core stays pure; the CLI passes sv_port_getenv.
 */
#ifndef SV_AWSCONF_H
#define SV_AWSCONF_H

#include "sv.h"

/* ------------------------------------------------------------------ */
/* INI text, as Python's configparser.RawConfigParser reads it          */
/* ------------------------------------------------------------------ */
/*
 * The rules botocore inherits from configparser (strict mode):
 *  - lines end in \n, \r\n or \r; a line whose first non-blank byte is '#'
 *    or ';' is a comment; there are no inline comments ("a = b # c" has the
 *    value "b # c");
 *  - "[name]": the section is the text between '[' and the last ']' on the
 *    line, not trimmed; bytes after that ']' are ignored;
 *  - "key = value" or "key: value": split at the first '=' or ':', both
 *    sides trimmed; key names compare case-insensitively;
 *  - a line indented deeper than its option line continues the value (a
 *    "nested" block when the option line's value is empty: "sts =\n  k = v");
 *  - an option before any section, a line with no '=' or ':', an empty key,
 *    a repeated section (except DEFAULT) or a repeated key in one section is
 *    an error (botocore: ConfigParseError);
 *  - keys of a [DEFAULT] section apply to every other section;
 *  - a UTF-8 byte-order mark or invalid UTF-8 is an error (Python reads the
 *    file as UTF-8 text and the BOM hides the first section header).
 */

typedef enum sv_ini_kind {
	SV_INI_SECTION = 1,
	SV_INI_OPTION  = 2
} sv_ini_kind;

typedef struct sv_ini_ev {
	sv_ini_kind kind;
	sv_sv  section;    /* SECTION: its name; OPTION: the enclosing section */
	sv_sv  key;        /* OPTION: as written, trimmed */
	sv_sv  value;      /* OPTION: the option line's value, trimmed */
	sv_sv  block;      /* OPTION: continuation lines, raw (empty when none) */
	size_t line;       /* 1-based line of the header / option line */
	size_t pos;        /* byte offset of that line */
} sv_ini_ev;

typedef struct sv_ini {
	sv_sv  text;
	size_t pos;
	size_t line;
	sv_sv  section;
	int    have_section;
	int    have_option;     /* continuation lines may follow */
	size_t indent;          /* indent of the last option line */
} sv_ini;

void sv_ini_init(sv_ini *it, sv_sv text);
/* 1 with *ev filled, 0 at the end, SV_E_FORMAT with err (line, what) on a syntax error. */
int  sv_ini_next(sv_ini *it, sv_ini_ev *ev, sv_err *err);
/* The whole text under the strict rules above (duplicates included). */
int  sv_ini_validate(sv_sv text, sv_err *err);
/*
 * The option key of the last section named exactly section (falling back to
 * a [DEFAULT] section). 1 found, 0 not. ev may be NULL.
 */
int  sv_ini_find(sv_sv text, sv_sv section, sv_sv key, sv_ini_ev *ev);
/* In a nested block ("  k = v" lines, split at the first '='), the value of k. 1/0. */
int  sv_ini_nested(sv_sv block, sv_sv key, sv_sv *value);

/* ------------------------------------------------------------------ */
/* The OpenShift cloud-credentials Secret                               */
/* ------------------------------------------------------------------ */
/*
 * doc is either the ini text `oc extract secret/cloud-credentials --to=-`
 * prints (returned as is, a view of doc), or the Secret as JSON from
 * `oc get secret -o json`, whose base64 data.credentials is decoded into out.
 * tok/ntok are jsmn tokens for the JSON case. SV_E_FORMAT / SV_E_JSON /
 * SV_E_B64 / SV_E_LIMIT with err naming what is wrong.
 */
int sv_awsconf_secret(sv_sv doc, jsmntok_t *tok, size_t ntok, char *out, size_t cap,
                      sv_sv *ini, sv_err *err);

/* ------------------------------------------------------------------ */
/* Resolution with the SDKs' precedence                                 */
/* ------------------------------------------------------------------ */

/* Environment lookup: SV_OK with *val (may be empty), or SV_E_NOENT. sv_port_getenv fits. */
typedef int (*sv_getenv_fn)(const char *name, sv_sv *val);

/* Whose rules: they differ in region variables, endpoint defaults and endpoint URLs. */
typedef enum sv_sdk {
	SV_SDK_BOTOCORE = 0,  /* boto3/botocore >= 1.40 and AWS CLI v1 >= 1.42: AWS_DEFAULT_REGION only,
	                         sts_regional_endpoints default regional */
	SV_SDK_BOTOCORE_OLD,  /* botocore < 1.40 (e.g. Debian's 1.29.27): default legacy, and
	                         AWS_ENDPOINT_URL(_STS) / endpoint_url / services are ignored */
	SV_SDK_CLI_V2         /* AWS CLI v2: AWS_REGION then AWS_DEFAULT_REGION, always regional */
} sv_sdk;

typedef enum sv_src {
	SV_SRC_NONE = 0,
	SV_SRC_FLAG,          /* set by the caller (a command-line flag) */
	SV_SRC_ENV,
	SV_SRC_CONFIG,        /* the AWS config file */
	SV_SRC_CREDENTIALS,   /* the shared credentials file / cloud-credentials Secret */
	SV_SRC_DEFAULT        /* the SDK's built-in default */
} sv_src;

const char *sv_src_name(sv_src s);   /* "flag", "env", "config", "credentials", "default" */

typedef struct sv_setting {
	sv_sv       v;
	sv_src      src;
	const char *name;     /* the env variable or file key that supplied v */
	size_t      line;     /* 1-based, for CONFIG / CREDENTIALS */
} sv_setting;

typedef struct sv_awsconf_in {
	sv_sv        config;       /* AWS config file text; p == NULL when none */
	sv_sv        credentials;  /* shared credentials file or the Secret's ini text; p == NULL */
	sv_sv        profile;      /* an explicit profile (--profile); p == NULL when none */
	sv_getenv_fn getenv;       /* NULL: an empty environment */
	sv_sdk       sdk;
} sv_awsconf_in;

typedef struct sv_awsconf {
	sv_setting profile;        /* explicit > AWS_DEFAULT_PROFILE > AWS_PROFILE > "default" */
	int        env_disabled;   /* an explicit profile: AWS_ROLE_ARN & co. are ignored */
	int        profile_found;  /* the profile has a section in config or credentials */
	sv_setting role_arn;       /* AWS_ROLE_ARN > role_arn */
	sv_setting token_file;     /* AWS_WEB_IDENTITY_TOKEN_FILE > web_identity_token_file */
	sv_setting session_name;   /* AWS_ROLE_SESSION_NAME > role_session_name */
	sv_setting region;         /* per sdk; see sv_sdk */
	sv_setting sts_regional_endpoints;  /* AWS_STS_REGIONAL_ENDPOINTS > profile > default */
	sv_setting endpoint_url;   /* AWS_ENDPOINT_URL_STS > AWS_ENDPOINT_URL > [services] sts > endpoint_url */
	int        ignore_endpoint_urls;    /* AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / profile key */
	sv_setting services;       /* the profile's "services = NAME" */
	int        use_fips;       /* AWS_USE_FIPS_ENDPOINT > use_fips_endpoint ("true", any case) */
	int        use_dualstack;  /* AWS_USE_DUALSTACK_ENDPOINT > use_dualstack_endpoint */
	/* AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are both set: the env provider comes first in
	   the chain, so these static keys win over web identity. */
	int        env_static_keys;
} sv_awsconf;

/*
 * Resolves every setting. Both files are validated first (SV_E_FORMAT, err
 * says "config line N: ..." or "credentials line N: ..."). Errors the SDK
 * itself raises are errors here too, with botocore's words:
 *  - an explicit or AWS_PROFILE profile that has no section:
 *    "The config profile (x) could not be found" (SV_E_NOENT);
 *  - sts_regional_endpoints neither "legacy" nor "regional":
 *    "STS regional endpoints option bogus is invalid. Valid options are: \"legacy\", \"regional\"";
 *  - "services = x" without a [services x] section.
 * A multi-line value for one of the keys used here is SV_E_FORMAT.
 */
int sv_awsconf_resolve(const sv_awsconf_in *in, sv_awsconf *out, sv_err *err);

/* botocore's InvalidConfigError when a token file is configured without a role (verbatim). */
#define SV_AWSCONF_NO_ROLE_MSG \
	"The provided profile or the current environment is configured to assume role with web " \
	"identity but has no role ARN configured. Ensure that the profile has the role_arnconfiguration " \
	"set or the AWS_ROLE_ARN env var is set."

#endif
