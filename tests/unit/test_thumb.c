/* test_thumb.c -- src/sv_thumb.c: the IAM thumbprint of a PEM chain. */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_docs.h"

/*
 * Two self-signed P-256 test certificates (leaf, then "ca"), made with
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=stsverify-test-{leaf,ca}
 * Expected thumbprints: openssl x509 -outform DER | sha1sum
 *   leaf 85ffdd71981a067ab54b41d6c55cf2c393d4fefa
 *   ca   213b7078fee53247ba27ac4f6b053afca015c278
 */
static const char chain_pem[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBkTCCATegAwIBAgIUUZmlSPerDebxm0RbPlrZ5Pi9Et4wCgYIKoZIzj0EAwIw\n"
	"HjEcMBoGA1UEAwwTc3RzdmVyaWZ5LXRlc3QtbGVhZjAeFw0yNjExMjgxMTM1MTda\n"
	"Fw0zNjExMjUxMTM1MTdaMB4xHDAaBgNVBAMME3N0c3ZlcmlmeS10ZXN0LWxlYWYw\n"
	"WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARUxWM+W7No4KnP4JpimrnNv0O0WFSU\n"
	"bIV6QKz/8x64vskxudxDSZCxI/te3pMniAVWZIXRfRCRmh9Dv+ZP/59no1MwUTAd\n"
	"BgNVHQ4EFgQUsubnDtH5ge8ahQYtZayiyAlGmDowHwYDVR0jBBgwFoAUsubnDtH5\n"
	"ge8ahQYtZayiyAlGmDowDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBF\n"
	"AiAdc457TbfGXw8aNmhLnoYEMO/yulMPZATWBX8tq4jJ1AIhAPQKw60pAALxYl05\n"
	"TtkpIOKnNwulV3pj6voGv7JRZyff\n"
	"-----END CERTIFICATE-----\n"
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBjTCCATOgAwIBAgIUP0J8/FWkyNul2lNsh8HbuWFUFBswCgYIKoZIzj0EAwIw\n"
	"HDEaMBgGA1UEAwwRc3RzdmVyaWZ5LXRlc3QtY2EwHhcNMjYxMTI4MTEzNTE3WhcN\n"
	"MzYxMTI1MTEzNTE3WjAcMRowGAYDVQQDDBFzdHN2ZXJpZnktdGVzdC1jYTBZMBMG\n"
	"ByqGSM49AgEGCCqGSM49AwEHA0IABKwnE99FOpepX47OUdbkQIy2lKlWAxdzUVPC\n"
	"Tz/0XbduF4aoapDmTT5mDqdZ8TL5jxc3wawGy9srUsg5ng/FPkOjUzBRMB0GA1Ud\n"
	"DgQWBBRLFJIWYNy67QxPE5C3oGgl6cdRczAfBgNVHSMEGDAWgBRLFJIWYNy67QxP\n"
	"E5C3oGgl6cdRczAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIBG0\n"
	"KLsZ7u+gQU1F9fMQJ3L69aUDj09QH9odDW57I+SgAiEAh7lsWZXORx5rmBMBJv/e\n"
	"HUsbXcaMiX3E/xAIPK6zGG0=\n"
	"-----END CERTIFICATE-----\n";

static void hex(const unsigned char *p, size_t n, char *out)
{
	size_t i;
	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

static void test_thumb_last_certificate(void **state)
{
	unsigned char h[20];
	char x[41];
	size_t n;
	sv_err e;
	(void)state;
	assert_int_equal(sv_thumb_chain(chain_pem, strlen(chain_pem), h, &n, &e), SV_OK);
	assert_int_equal(n, 2);
	hex(h, 20, x);
	assert_string_equal(x, "213b7078fee53247ba27ac4f6b053afca015c278");
	/* only the first certificate, without its final newline */
	{
		const char *end = strstr(chain_pem, "-----END CERTIFICATE-----") + strlen("-----END CERTIFICATE-----");
		assert_int_equal(sv_thumb_chain(chain_pem, (size_t)(end - chain_pem), h, &n, &e), SV_OK);
		assert_int_equal(n, 1);
		hex(h, 20, x);
		assert_string_equal(x, "85ffdd71981a067ab54b41d6c55cf2c393d4fefa");
	}
	assert_int_equal(sv_thumb_chain("hello\n", 6, h, &n, &e), SV_E_FORMAT);
	assert_non_null(strstr(e.msg, "expected PEM certificates"));
	assert_int_equal(sv_thumb_chain(chain_pem, 200, h, &n, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "offset 200: broken PEM (bad base64 or BEGIN/END lines)");
}

/* An END line completed only by the line end the reader adds: the error stays inside the input. */
static void test_thumb_error_offset_inside_input(void **state)
{
	/* "AQ==" decodes to one byte that is not 0x30: not DER */
	static const char pem[] = "-----BEGIN CERTIFICATE-----\nAQ==\n-----END CERTIFICATE-----";
	unsigned char h[20];
	size_t n;
	sv_err e;
	(void)state;
	assert_int_equal(sv_thumb_chain(pem, sizeof pem - 1, h, &n, &e), SV_E_FORMAT);
	assert_true(e.pos <= sizeof pem - 1);
	assert_non_null(strstr(e.msg, "is not DER"));
}

/* BearSSL passes the BEGIN name as a C string: a NUL inside it must not make it CERTIFICATE. */
static void test_thumb_nul_in_name(void **state)
{
	static const char pem[] = "-----BEGIN CERTIFICATE\0junk-----\nMAA=\n-----END CERTIFICATE-----\n";
	unsigned char h[20];
	size_t n;
	sv_err e;
	(void)state;
	assert_int_equal(sv_thumb_chain(pem, sizeof pem - 1, h, &n, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "offset 22: a NUL byte in PEM text");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thumb_last_certificate),
		cmocka_unit_test(test_thumb_error_offset_inside_input),
		cmocka_unit_test(test_thumb_nul_in_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
