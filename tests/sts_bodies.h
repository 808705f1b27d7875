/*
 * sts_bodies.h -- real-shaped STS error texts from the catalogue's
 * templates, for the parser and the explain tests.
 */
#ifndef SV_TEST_STS_BODIES_H
#define SV_TEST_STS_BODIES_H

#include <string.h>

/* tmpl with each %v filled, alternately, by an issuer URL and a Unix time */
static void th_fill(const char *tmpl, char *out, size_t cap)
{
	static const char *const vals[] = { "https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E",
		"1624482335" };
	size_t w = 0, k = 0;
	for (; *tmpl && w + 80 < cap; tmpl++) {
		if (tmpl[0] == '%' && tmpl[1] == 'v') {
			const char *v = vals[k++ % 2];
			memcpy(out + w, v, strlen(v));
			w += strlen(v);
			tmpl++;
		} else {
			out[w++] = *tmpl;
		}
	}
	out[w] = '\0';
}

/* s as XML character data, every character with a predefined entity escaped */
static void th_xml_escape(const char *s, char *out, size_t cap)
{
	size_t w = 0;
	for (; *s && w + 8 < cap; s++) {
		const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" :
		                  *s == '\'' ? "&apos;" : *s == '"' ? "&quot;" : NULL;
		if (rep) {
			memcpy(out + w, rep, strlen(rep));
			w += strlen(rep);
		} else {
			out[w++] = *s;
		}
	}
	out[w] = '\0';
}

#endif
