/*
 * sv_request.c -- the raw, unsigned HTTP/1.1 request (STS-FACTS a.1, a.2).
 * Written into the caller's buffer: the bytes `request` prints and an
 * online `assume` sends.
 */
#include "sv_internal.h"
#include "stsverify/sv_sts.h"

/* see sv_sts.h */
int sv_request_http(const sv_arwwi *p, const sv_endpoint *ep, char *out, size_t cap, size_t *len)
{
	char head[3 * SV_MAX_URL_BYTES + 256];
	sv_buf b;
	size_t blen, w;
	int rc;

	rc = sv_form_body(p, NULL, 0, &blen);
	if (rc != SV_OK)
		return rc;
	sv_buf_init(&b, head, sizeof head);
	sv_buf_str(&b, "POST ");
	sv_buf_put(&b, ep->url + ep->target_off, ep->url_len - ep->target_off);
	sv_buf_str(&b, " HTTP/1.1\r\nHost: ");
	sv_buf_put(&b, ep->host, ep->host_len);
	sv_buf_str(&b, "\r\nContent-Type: " SV_STS_CONTENT_TYPE "\r\nContent-Length: ");
	sv_buf_u64(&b, blen);
	sv_buf_str(&b, "\r\n\r\n");
	if (b.overflow)
		return SV_E_LIMIT;
	if (!out) {
		*len = b.len + blen;
		return SV_OK;
	}
	if (b.len + blen > cap)
		return SV_E_LIMIT;
	memcpy(out, head, b.len);
	rc = sv_form_body(p, out + b.len, cap - b.len, &w);
	if (rc != SV_OK)
		return rc;
	*len = b.len + w;
	return SV_OK;
}
