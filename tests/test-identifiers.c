/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tests for the identifier scanner. Each case names the exact span (found with strstr on
 * the sentence, so offsets stay right when sentences are edited), the kind and the flags
 * that the analyzer depends on.
 */
#include <string.h>

#include <glib.h>

#include "sg-identifiers.h"

#define F_VALID   SG_IDENTIFIER_FLAG_CHECKSUM_VALID
#define F_FAILS   SG_IDENTIFIER_FLAG_CHECKSUM_FAILS
#define F_CUE     SG_IDENTIFIER_FLAG_CUE
#define F_CTX     SG_IDENTIFIER_FLAG_PATIENT_CONTEXT
#define F_NEG     SG_IDENTIFIER_FLAG_NEGATED
#define F_BIRTH   SG_IDENTIFIER_FLAG_BIRTH
#define F_ADMIT   SG_IDENTIFIER_FLAG_ADMISSION
#define F_PUBLIC  SG_IDENTIFIER_FLAG_PUBLIC_SERVICE

/* Logs every failure (g_test_fail_printf keeps only the last message) and carries on, so
 * one run shows all misses of a test. */
#define report_failure(...) \
  G_STMT_START { g_test_message (__VA_ARGS__); g_test_fail (); } G_STMT_END

static GArray *
scan_len (const char *text, gssize len)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (SgIdentifier));
  guint n = sg_identifiers_scan (text, len, ids);

  g_assert_cmpuint (n, ==, ids->len);
  /* the contract: sorted by start */
  for (guint k = 1; k < ids->len; k++)
    g_assert_cmpuint (g_array_index (ids, SgIdentifier, k - 1).start, <=,
                      g_array_index (ids, SgIdentifier, k).start);
  return ids;
}

static gsize
offset_of (const char *text, const char *needle, guint nth)
{
  const char *p = text;

  for (guint k = 0;; k++)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (k == nth)
        return (gsize) (p - text);
      p++;
    }
}

/* Asserts that @text has an identifier of @kind spanning the @nth occurrence of @needle,
 * with every flag in @set and none in @clear. Returns its value. */
static gint
expect_nth (const char       *text,
            SgIdentifierKind  kind,
            const char       *needle,
            guint             nth,
            guint             set,
            guint             clear)
{
  g_autoptr (GArray) ids = scan_len (text, -1);
  gsize start = offset_of (text, needle, nth), end = start + strlen (needle);

  for (guint k = 0; k < ids->len; k++)
    {
      SgIdentifier *id = &g_array_index (ids, SgIdentifier, k);

      if (id->kind != kind || id->start != start)
        continue;
      if (id->end != end)
        report_failure ("%s: '%s' in \"%s\" ends at %" G_GSIZE_FORMAT " not %" G_GSIZE_FORMAT,
                            sg_identifier_kind_to_string (kind), needle, text, id->end, end);
      else if ((id->flags & set) != set || (id->flags & clear) != 0)
        report_failure ("%s: '%s' in \"%s\" has flags 0x%x (want 0x%x set, 0x%x clear)",
                 sg_identifier_kind_to_string (kind), needle, text, id->flags, set, clear);
      return id->value;
    }
  report_failure ("no %s for '%s' in \"%s\"", sg_identifier_kind_to_string (kind), needle,
                      text);
  return 0;
}

static gint
expect (const char *text, SgIdentifierKind kind, const char *needle, guint set, guint clear)
{
  return expect_nth (text, kind, needle, 0, set, clear);
}

static guint
count_kind (const char *text, SgIdentifierKind kind)
{
  g_autoptr (GArray) ids = scan_len (text, -1);
  guint n = 0;

  for (guint k = 0; k < ids->len; k++)
    n += g_array_index (ids, SgIdentifier, k).kind == kind;
  return n;
}

static void
expect_none (const char *text, SgIdentifierKind kind)
{
  if (count_kind (text, kind) != 0)
    report_failure ("unexpected %s in \"%s\"", sg_identifier_kind_to_string (kind), text);
}

static void
test_nhs_number (void)
{
  const char *s;

  g_assert_true (sg_identifiers_nhs_checksum ("9434765919"));
  g_assert_false (sg_identifiers_nhs_checksum ("9434765918"));
  g_assert_false (sg_identifiers_nhs_checksum ("94347659x9"));

  s = "Chasing bloods for the lady in bay 2, NHS no. 943 476 5919 please";
  expect (s, SG_IDENTIFIER_NHS_NUMBER, "943 476 5919", F_VALID | F_CUE | F_CTX, F_NEG);
  s = "Her NHS number is 943-476-5919.";
  expect (s, SG_IDENTIFIER_NHS_NUMBER, "943-476-5919", F_VALID | F_CUE, F_FAILS);
  s = "NHS#9434765918 wrong digit but cued";
  expect (s, SG_IDENTIFIER_NHS_NUMBER, "9434765918", F_FAILS | F_CUE, F_VALID);
  expect ("ref 1234567890 (NHS) attached", SG_IDENTIFIER_NHS_NUMBER, "1234567890",
          F_CUE | F_FAILS, 0);
  /* bare valid number: reported, weak */
  s = "Ticket 9434765919 closed.";
  expect (s, SG_IDENTIFIER_NHS_NUMBER, "9434765919", F_VALID, F_CUE | F_CTX);
  /* bare invalid number: not reported */
  expect_none ("Order ref 1234567890 shipped.", SG_IDENTIFIER_NHS_NUMBER);
  /* invalid but with patient context: reported */
  expect ("my patient on the ward 1234567890", SG_IDENTIFIER_NHS_NUMBER, "1234567890",
          F_FAILS | F_CTX, 0);
  s = "Reminder: never post NHS numbers like 943 476 5919 online.";
  expect (s, SG_IDENTIFIER_NHS_NUMBER, "943 476 5919", F_NEG | F_CUE, 0);
  s = "Do not include identifiers, e.g. 9434765919, in posts.";
  expect (s, SG_IDENTIFIER_NHS_NUMBER, "9434765919", F_NEG, 0);
  /* wrong grouping is not an NHS number */
  expect_none ("code 9434 765 919 here", SG_IDENTIFIER_NHS_NUMBER);
  expect_none ("94347659190 is eleven digits", SG_IDENTIFIER_NHS_NUMBER);
}

static void
test_chi (void)
{
  expect ("Scottish pt, CHI 0101701234 on the letter", SG_IDENTIFIER_CHI_NUMBER, "0101701234",
          F_CUE, 0);
  /* no valid DDMMYY: stays an NHS-number candidate */
  expect ("CHI 4134765919", SG_IDENTIFIER_NHS_NUMBER, "4134765919", F_CUE, 0);
  expect ("H&C 943 476 5919 from Belfast", SG_IDENTIFIER_HC_NUMBER, "943 476 5919",
          F_CUE | F_VALID, 0);
  /* Scottish setting without the cue word */
  expect ("Glasgow pt, number 0101701234", SG_IDENTIFIER_CHI_NUMBER, "0101701234", F_CTX, F_CUE);
  expect ("Belfast lady 943 476 5919", SG_IDENTIFIER_HC_NUMBER, "943 476 5919", F_VALID, F_CUE);
  expect ("health and care number 9434765919", SG_IDENTIFIER_HC_NUMBER, "9434765919",
          F_CUE, 0);
}

static void
test_hospital_number (void)
{
  expect ("hospital number KM4471029 for the scan", SG_IDENTIFIER_HOSPITAL_NUMBER,
          "KM4471029", F_CUE, 0);
  expect ("Hosp no. RG-558120 pls", SG_IDENTIFIER_HOSPITAL_NUMBER, "RG-558120", F_CUE, 0);
  expect ("MRN: 00918273 in bed 3", SG_IDENTIFIER_HOSPITAL_NUMBER, "00918273",
          F_CUE | F_CTX, 0);
  expect ("her K number is K1234567", SG_IDENTIFIER_HOSPITAL_NUMBER, "K1234567", F_CUE, 0);
  expect ("unit no 7731882", SG_IDENTIFIER_HOSPITAL_NUMBER, "7731882", F_CUE, 0);
  expect_none ("the hospital number of beds is 900", SG_IDENTIFIER_HOSPITAL_NUMBER);
  expect_none ("hospital staff 123456 strong", SG_IDENTIFIER_HOSPITAL_NUMBER);
  expect_none ("MRN ABC12", SG_IDENTIFIER_HOSPITAL_NUMBER);
}

static void
test_postcode (void)
{
  const char *s = "Lives at LS1 4AP with her son, visiting SW1A 1AA, and dn4 7qj too";

  expect (s, SG_IDENTIFIER_POSTCODE, "LS1 4AP", F_CTX, 0);
  expect (s, SG_IDENTIFIER_POSTCODE, "SW1A 1AA", 0, 0);
  expect (s, SG_IDENTIFIER_POSTCODE, "dn4 7qj", 0, 0);
  expect ("sent to ls14ap", SG_IDENTIFIER_POSTCODE, "ls14ap", 0, 0);
  expect ("postcode: M13 outward only", SG_IDENTIFIER_POSTCODE, "M13", F_CUE, 0);
  /* inward letters C I K M O V are never used */
  expect_none ("LS1 4AC", SG_IDENTIFIER_POSTCODE);
  expect_none ("QS1 4AP", SG_IDENTIFIER_POSTCODE);
  expect_none ("XLS1 4AP", SG_IDENTIFIER_POSTCODE);
  expect_none ("M13 is a motorway", SG_IDENTIFIER_POSTCODE);
  expect_none ("NEWS2 6 and A1 road", SG_IDENTIFIER_POSTCODE);
}

static void
test_phone (void)
{
  const char *s;

  s = "Daughter's mobile 07700 900412, landline 0113 496 0871";
  expect (s, SG_IDENTIFIER_PHONE, "07700 900412", 0, F_PUBLIC);
  expect (s, SG_IDENTIFIER_PHONE, "0113 496 0871", 0, 0);
  expect ("text 07700900412", SG_IDENTIFIER_PHONE, "07700900412", 0, 0);
  expect ("London 020 7946 0000.", SG_IDENTIFIER_PHONE, "020 7946 0000", 0, 0);
  expect ("dial 01632 960123", SG_IDENTIFIER_PHONE, "01632 960123", 0, 0);
  expect ("abroad: +44 7700 900412!", SG_IDENTIFIER_PHONE, "+44 7700 900412", 0, 0);
  expect ("office (0113) 496 0871", SG_IDENTIFIER_PHONE, "(0113) 496 0871", 0, 0);
  s = "For flu jabs ring the practice on 0113 496 0999 after 8am";
  expect (s, SG_IDENTIFIER_PHONE, "0113 496 0999", F_PUBLIC, 0);
  s = "Our number for appointments is 01632 960000";
  expect (s, SG_IDENTIFIER_PHONE, "01632 960000", F_PUBLIC, 0);
  s = "Patient in bay 5 wants a call back on 07700 900111";
  expect (s, SG_IDENTIFIER_PHONE, "07700 900111", F_CTX, F_PUBLIC);
  expect_none ("ratio 0113/496", SG_IDENTIFIER_PHONE);
  expect_none ("0113 496", SG_IDENTIFIER_PHONE);
  expect_none ("05700 900412", SG_IDENTIFIER_PHONE);
}

static void
test_email (void)
{
  const char *s = "Email reception@leafield-surgery.nhs.uk or jo.b+ward@mail.example.com";

  expect (s, SG_IDENTIFIER_EMAIL, "reception@leafield-surgery.nhs.uk", F_PUBLIC, 0);
  expect (s, SG_IDENTIFIER_EMAIL, "jo.b+ward@mail.example.com", 0, 0);
  expect ("patient's son: tom.h@example.org.", SG_IDENTIFIER_EMAIL, "tom.h@example.org",
          F_CTX, 0);
  expect_none ("meet @ 5pm", SG_IDENTIFIER_EMAIL);
  expect_none ("a@b", SG_IDENTIFIER_EMAIL);
  expect_none ("mail me at x@localhost", SG_IDENTIFIER_EMAIL);
}

static void
test_date (void)
{
  const char *s;

  s = "DOB 12/03/1957, seen today";
  g_assert_cmpint (expect (s, SG_IDENTIFIER_DATE, "12/03/1957", F_BIRTH, F_ADMIT), ==, 1957);
  s = "D.O.B. 12.03.57";
  g_assert_cmpint (expect (s, SG_IDENTIFIER_DATE, "12.03.57", F_BIRTH, 0), ==, 1957);
  s = "She was born on 3 March 1957 in Hull";
  g_assert_cmpint (expect (s, SG_IDENTIFIER_DATE, "3 March 1957", F_BIRTH, 0), ==, 1957);
  s = "admitted 2019-03-12 with sepsis";
  g_assert_cmpint (expect (s, SG_IDENTIFIER_DATE, "2019-03-12", F_ADMIT, 0), ==, 2019);
  s = "He passed away on the 3rd of March 2019.";
  expect (s, SG_IDENTIFIER_DATE, "3rd of March 2019", F_ADMIT, 0);
  s = "came in on 14 February feeling rough";
  g_assert_cmpint (expect (s, SG_IDENTIFIER_DATE, "14 February", F_ADMIT, 0), ==, 0);
  expect ("Clinic moved to March 3rd.", SG_IDENTIFIER_DATE, "March 3rd", 0, F_BIRTH);
  expect ("Happy 3rd March!", SG_IDENTIFIER_DATE, "3rd March", 0, 0);
  expect ("Rota out on 12 January", SG_IDENTIFIER_DATE, "12 January", 0, F_ADMIT);
  expect ("Deadline 22/11/2023.", SG_IDENTIFIER_DATE, "22/11/2023", 0, 0);
  expect ("birthday is 14 Feb", SG_IDENTIFIER_DATE, "14 Feb", F_BIRTH, 0);
  expect ("29/02/2024 leap", SG_IDENTIFIER_DATE, "29/02/2024", 0, 0);
  /* not dates */
  expect_none ("29/02/2023 is not a day", SG_IDENTIFIER_DATE);
  expect_none ("31 April", SG_IDENTIFIER_DATE);
  expect_none ("obs at 14:30 and 03:12", SG_IDENTIFIER_DATE);
  expect_none ("BP 120/80, half 1/2 dose", SG_IDENTIFIER_DATE);
  expect_none ("March 2019 rota", SG_IDENTIFIER_DATE);
  expect_none ("in 1957 and 2019", SG_IDENTIFIER_DATE);
  expect_none ("v1.2.3 released", SG_IDENTIFIER_DATE);
  expect_none ("you may 3 times", SG_IDENTIFIER_DATE);
}

static void
test_age (void)
{
  g_assert_cmpint (expect ("A 78-year-old man", SG_IDENTIFIER_AGE, "78-year-old", 0, 0), ==, 78);
  expect ("a 91 year old lady", SG_IDENTIFIER_AGE, "91 year old", 0, 0);
  expect ("64-yr-old with chest pain", SG_IDENTIFIER_AGE, "64-yr-old", 0, 0);
  g_assert_cmpint (expect ("aged 78, lives alone", SG_IDENTIFIER_AGE, "aged 78", 0, 0), ==, 78);
  expect ("83yo fall", SG_IDENTIFIER_AGE, "83yo", 0, 0);
  expect ("83 y/o fall", SG_IDENTIFIER_AGE, "83 y/o", 0, 0);
  g_assert_cmpint (expect ("Bed 4: 62M SOB", SG_IDENTIFIER_AGE, "62M", 0, 0), ==, 62);
  expect ("37F abdo pain", SG_IDENTIFIER_AGE, "37F", 0, 0);
  expect ("a man of 78 who", SG_IDENTIFIER_AGE, "man of 78", 0, 0);
  g_assert_cmpint (expect ("the 6-month-old", SG_IDENTIFIER_AGE, "6-month-old", 0, 0), ==, 0);
  expect_none ("10-year survival is 40%", SG_IDENTIFIER_AGE);
  expect_none ("our 5-year plan", SG_IDENTIFIER_AGE);
  expect_none ("5-year-old data from the trial", SG_IDENTIFIER_AGE);
  expect_none ("aged 18-65", SG_IDENTIFIER_AGE);
  expect_none ("300 year old oak", SG_IDENTIFIER_AGE);
}

static void
test_age_band (void)
{
  g_assert_cmpint (expect ("a man in his 80s", SG_IDENTIFIER_AGE_BAND, "in his 80s", 0, 0),
                   ==, 80);
  expect ("lady in her eighties", SG_IDENTIFIER_AGE_BAND, "in her eighties", 0, 0);
  g_assert_cmpint (expect ("Pt (late 50s) with", SG_IDENTIFIER_AGE_BAND, "late 50s", 0, 0),
                   ==, 57);
  g_assert_cmpint (expect ("in his early twenties", SG_IDENTIFIER_AGE_BAND,
                           "in his early twenties", 0, 0), ==, 20);
  g_assert_cmpint (expect ("she's in her late teens", SG_IDENTIFIER_AGE_BAND,
                           "in her late teens", 0, 0), ==, 17);
  expect ("a 40-something bloke", SG_IDENTIFIER_AGE_BAND, "40-something", 0, 0);
  expect ("woman, 60s, fell", SG_IDENTIFIER_AGE_BAND, "60s", 0, 0);
  g_assert_cmpint (expect ("elderly gent", SG_IDENTIFIER_AGE_BAND, "elderly", 0, 0), ==, -1);
  expect ("teenage girl", SG_IDENTIFIER_AGE_BAND, "teenage", 0, 0);
  expect ("a toddler and a newborn", SG_IDENTIFIER_AGE_BAND, "newborn", 0, 0);
  expect_none ("music of the 80s", SG_IDENTIFIER_AGE_BAND);
  expect_none ("in the 1980s", SG_IDENTIFIER_AGE_BAND);
}

static void
test_location_unit (void)
{
  const char *s = "bed 7 to Bay 3, then cubicle 6, resus 2 and Side room 5";

  expect (s, SG_IDENTIFIER_LOCATION_UNIT, "bed 7", 0, 0);
  expect (s, SG_IDENTIFIER_LOCATION_UNIT, "Bay 3", 0, 0);
  expect (s, SG_IDENTIFIER_LOCATION_UNIT, "cubicle 6", 0, 0);
  expect (s, SG_IDENTIFIER_LOCATION_UNIT, "resus 2", 0, 0);
  expect (s, SG_IDENTIFIER_LOCATION_UNIT, "Side room 5", 0, 0);
  expect ("Ward 7B is full", SG_IDENTIFIER_LOCATION_UNIT, "Ward 7B", 0, 0);
  expect ("on ward 23 tonight", SG_IDENTIFIER_LOCATION_UNIT, "ward 23", 0, 0);
  expect ("moved to Larch ward", SG_IDENTIFIER_LOCATION_UNIT, "Larch ward", 0, 0);
  expect ("majors 8 needs a cannula", SG_IDENTIFIER_LOCATION_UNIT, "majors 8", 0, 0);
  expect ("pt in SR2", SG_IDENTIFIER_LOCATION_UNIT, "SR2", 0, 0);
  expect ("patient moved to room 5", SG_IDENTIFIER_LOCATION_UNIT, "room 5", 0, 0);
  expect_none ("book room 5 for the quiz", SG_IDENTIFIER_LOCATION_UNIT);
  expect_none ("at the bedside on bed rest", SG_IDENTIFIER_LOCATION_UNIT);
  expect_none ("bed blockers again", SG_IDENTIFIER_LOCATION_UNIT);
  expect_none ("resus was busy, ward round late, back on the ward", SG_IDENTIFIER_LOCATION_UNIT);
  expect_none ("The ward was calm", SG_IDENTIFIER_LOCATION_UNIT);
  expect ("Cot 6 had a quiet night", SG_IDENTIFIER_LOCATION_UNIT, "Cot 6", 0, 0);
  expect ("moved him to incubator 2", SG_IDENTIFIER_LOCATION_UNIT, "incubator 2", 0, 0);
  expect ("trolley 14 in the corridor", SG_IDENTIFIER_LOCATION_UNIT, "trolley 14", 0, 0);
  expect_none ("bought a travel cot for the holiday", SG_IDENTIFIER_LOCATION_UNIT);
}

static void
test_handle (void)
{
  const char *s = "Thanks @jamie.lifts. and @sarah_k123 and @VeltranaPharma!";

  expect (s, SG_IDENTIFIER_HANDLE, "@jamie.lifts", 0, 0);
  expect (s, SG_IDENTIFIER_HANDLE, "@sarah_k123", 0, 0);
  expect (s, SG_IDENTIFIER_HANDLE, "@VeltranaPharma", 0, 0);
  expect_none ("mail ann@example.com now", SG_IDENTIFIER_HANDLE);
  expect_none ("see you @ 5", SG_IDENTIFIER_HANDLE);
}

static void
test_titled_name (void)
{
  const char *s = "Mr Holt and Mrs J. Patel saw Dr Fiona Teague.";

  g_assert_cmpint (expect (s, SG_IDENTIFIER_TITLED_NAME, "Mr Holt", 0, 0), ==, 1);
  expect (s, SG_IDENTIFIER_TITLED_NAME, "Mrs J. Patel", 0, 0);
  g_assert_cmpint (expect (s, SG_IDENTIFIER_TITLED_NAME, "Dr Fiona Teague", 0, 0), ==, 2);
  expect ("Mrs Agnes Tully, 88", SG_IDENTIFIER_TITLED_NAME, "Mrs Agnes Tully", 0, 0);
  g_assert_cmpint (expect ("Thanks Professor Alan Cresswell", SG_IDENTIFIER_TITLED_NAME,
                           "Professor Alan Cresswell", 0, 0), ==, 2);
  expect ("Prof. Okafor spoke", SG_IDENTIFIER_TITLED_NAME, "Prof. Okafor", 0, 0);
  expect ("Ms Smith-Jones", SG_IDENTIFIER_TITLED_NAME, "Ms Smith-Jones", 0, 0);
  expect ("Mx Rowe", SG_IDENTIFIER_TITLED_NAME, "Mx Rowe", 0, 0);
  expect ("Master Oliver Kent", SG_IDENTIFIER_TITLED_NAME, "Master Oliver Kent", 0, 0);
  g_assert_cmpint (expect ("Mrs P in bay 1", SG_IDENTIFIER_TITLED_NAME, "Mrs P", 0, 0), ==, 1);
  expect_none ("Mr and Mrs came. Dr on call.", SG_IDENTIFIER_TITLED_NAME);
  expect_none ("Miss the bus", SG_IDENTIFIER_TITLED_NAME);
  expect_none ("the master plan", SG_IDENTIFIER_TITLED_NAME);
}

static void
test_initials (void)
{
  expect ("Saw pt JH earlier", SG_IDENTIFIER_INITIALS, "JH", 0, 0);
  expect ("patient AB is better", SG_IDENTIFIER_INITIALS, "AB", 0, 0);
  expect ("RIP JT, you were loved", SG_IDENTIFIER_INITIALS, "JT", 0, 0);
  expect ("Handover: B1 JT 88 frail", SG_IDENTIFIER_INITIALS, "JT", 0, 0);
  expect ("bed 4 J.S. needs review", SG_IDENTIFIER_INITIALS, "J.S.", 0, 0);
  /* the bare number after initials is the age */
  g_assert_cmpint (expect ("RIP MK, 19, gone too soon", SG_IDENTIFIER_AGE, "19", 0, 0), ==, 19);
  expect ("Handover: B1 JT 88 frail", SG_IDENTIFIER_AGE, "88", 0, 0);
  expect ("pt KLM stable", SG_IDENTIFIER_INITIALS, "KLM", 0, 0);
  expect_none ("pt to ICU, GP aware, NHS pressures, ED full", SG_IDENTIFIER_INITIALS);
  expect_none ("patient for CT and MRI", SG_IDENTIFIER_INITIALS);
  expect_none ("Met JH at the conference", SG_IDENTIFIER_INITIALS);
  /* Shouting is not initials: common words in capitals after a cue or before an age. */
  expect_none ("PATIENT YOU SAW 40 YEARS AGO? NOW ALL BUT GONE", SG_IDENTIFIER_INITIALS);
  expect_none ("pt ARE 80 AND OLD", SG_IDENTIFIER_INITIALS);
  expect_none ("RIP my knees: PB 19:58 at parkrun", SG_IDENTIFIER_INITIALS);
}

static void
test_false_positives (void)
{
  const char *texts[] = {
    "Give 500 mg paracetamol 4 times a day, max 4 g in 24 hours.",
    "BP 120/80, HR 72, sats 98% on 2L, NEWS2 6, temp 37.8.",
    "Meeting at 14:30 then 09:00 tomorrow.",
    "Risk is 1 in 10,000 and the ratio is 3:1.",
    "Read https://example.org/guide/12/03/1957?id=9434765919 for more.",
    "10-year survival was 45% in the 2019 cohort.",
    "Sat at the bedside during the ward round.",
    "Covid-19 pushed A&E waits up in 2020 and 2021.",
    "The trial ran from 1998 to 2004.",
    "Version 2.4.1 fixes the bug.",
    "Score 3/10, GCS 15/15, dose 2.5/5 ml.",
  };

  for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
    {
      g_autoptr (GArray) ids = scan_len (texts[k], -1);

      for (guint j = 0; j < ids->len; j++)
        {
          SgIdentifier *id = &g_array_index (ids, SgIdentifier, j);
          report_failure ("unexpected %s '%.*s' in \"%s\"",
                              sg_identifier_kind_to_string (id->kind),
                              (int) (id->end - id->start), texts[k] + id->start, texts[k]);
        }
    }
}

static void
test_multibyte_and_nul (void)
{
  /* "🩺 café" then a number: byte offsets count the 4-byte emoji and the 2-byte é. */
  const char *s = "\xF0\x9F\xA9\xBA caf\xC3\xA9 NHS 943 476 5919 \xE2\x80\x94 DOB 3 March 1957";
  const char buf[] = "bed 7\0NHS 943 476 5919\0LS1 4AP";
  g_autoptr (GArray) ids = NULL;
  SgIdentifier *id;

  expect (s, SG_IDENTIFIER_NHS_NUMBER, "943 476 5919", F_VALID | F_CUE, 0);
  g_assert_cmpuint (offset_of (s, "943", 0), ==, 15);
  expect (s, SG_IDENTIFIER_DATE, "3 March 1957", F_BIRTH, 0);
  /* emoji glued to a number */
  expect ("\xF0\x9F\x98\x80" "07700 900412", SG_IDENTIFIER_PHONE, "07700 900412", 0, 0);

  ids = scan_len (buf, sizeof buf - 1);
  g_assert_cmpuint (ids->len, ==, 3);
  id = &g_array_index (ids, SgIdentifier, 0);
  g_assert_cmpint (id->kind, ==, SG_IDENTIFIER_LOCATION_UNIT);
  g_assert_cmpuint (id->start, ==, 0);
  g_assert_cmpuint (id->end, ==, 5);
  id = &g_array_index (ids, SgIdentifier, 1);
  g_assert_cmpint (id->kind, ==, SG_IDENTIFIER_NHS_NUMBER);
  g_assert_cmpuint (id->start, ==, 10);
  g_assert_cmpuint (id->end, ==, 22);
  id = &g_array_index (ids, SgIdentifier, 2);
  g_assert_cmpint (id->kind, ==, SG_IDENTIFIER_POSTCODE);
  g_assert_cmpuint (id->start, ==, 23);
  g_assert_cmpuint (id->end, ==, 30);

  /* truncated inputs never read past @len */
  for (gsize cut = 0; cut < sizeof buf - 1; cut++)
    {
      g_autoptr (GArray) part = scan_len (buf, (gssize) cut);
      for (guint k = 0; k < part->len; k++)
        g_assert_cmpuint (g_array_index (part, SgIdentifier, k).end, <=, cut);
    }
  g_assert_cmpstr (sg_identifier_kind_to_string (SG_IDENTIFIER_INITIALS), ==, "initials");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sg/identifiers/nhs-number", test_nhs_number);
  g_test_add_func ("/sg/identifiers/chi", test_chi);
  g_test_add_func ("/sg/identifiers/hospital-number", test_hospital_number);
  g_test_add_func ("/sg/identifiers/postcode", test_postcode);
  g_test_add_func ("/sg/identifiers/phone", test_phone);
  g_test_add_func ("/sg/identifiers/email", test_email);
  g_test_add_func ("/sg/identifiers/date", test_date);
  g_test_add_func ("/sg/identifiers/age", test_age);
  g_test_add_func ("/sg/identifiers/age-band", test_age_band);
  g_test_add_func ("/sg/identifiers/location-unit", test_location_unit);
  g_test_add_func ("/sg/identifiers/handle", test_handle);
  g_test_add_func ("/sg/identifiers/titled-name", test_titled_name);
  g_test_add_func ("/sg/identifiers/initials", test_initials);
  g_test_add_func ("/sg/identifiers/false-positives", test_false_positives);
  g_test_add_func ("/sg/identifiers/multibyte-and-nul", test_multibyte_and_nul);

  return g_test_run ();
}
