/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The default pack on drafts written for these tests (not the corpus): what must be flagged,
 * what must not, and the behaviour around it (offsets, fixes, negation, huge input). */
#include "config.h"

#include "sg-analyzer.h"
#include "sg-analyzer-private.h"
#include "sg-test-findings.h"
#include "sg-error.h"

static SgAnalyzer *analyzer;

static guint
flags_of (const char *text,
          const char *platform)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = sg_analyzer_analyze (analyzer, text, -1, platform, &error);
  guint mask = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *f = g_ptr_array_index (findings, i);

      if (sg_finding_get_severity (f) >= SG_SEVERITY_WARNING)
        mask |= 1u << sg_finding_get_category (f);
    }
  return mask;
}

#define FLAG(c) (1u << SG_CATEGORY_##c)

static void
assert_flags (const char *text,
              const char *platform,
              guint       expected)
{
  guint got = flags_of (text, platform);

  if ((got & expected) != expected)
    g_error ("missed %#x in: %s", expected & ~got, text);
}

static void
assert_clean (const char *text,
              const char *platform)
{
  guint got = flags_of (text, platform);

  if (got != 0)
    g_error ("false flag %#x in: %s", got, text);
}

/* Clean, or free of the @unexpected categories (0: of all), as far as the written rules go.
 * For the few hard negatives a category's model misreads by their words alone: their scores sit
 * above the cutoffs chosen by cross-validation (tests/tools/choose-model-cutoffs.py), so the app
 * shows a "reads like" warning on them. The README lists this among the engine's weaknesses. */
static void
assert_not_by_rules (const char *text,
                     const char *platform,
                     guint       unexpected)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) models = NULL;
  guint got;

  /* Each category's model rule. */
  for (SgCategory c = 0; c < SG_N_CATEGORIES; c++)
    {
      g_autofree char *id = g_strconcat (sg_category_to_string (c), ".reads-like-flagged-posts",
                                         NULL);

      g_strv_builder_add (builder, id);
    }
  models = g_strv_builder_end (builder);

  sg_analyzer_set_ignored_rules (analyzer, (const char * const *) models);
  got = flags_of (text, platform) & (unexpected != 0 ? unexpected : ~0u);
  sg_analyzer_set_ignored_rules (analyzer, NULL);
  if (got != 0)
    g_error ("false flag %#x in: %s", got, text);
}

#define assert_clean_by_rules(text, platform) assert_not_by_rules ((text), (platform), 0)

/* Whether this rule finds the draft: as a flag (warning or error), or, with @lowered, as a
 * finding its category's model lowered to a suggestion (sg_scan_confirm_with_model: shown, with
 * the reason, but not counted as a flag). */
static gboolean
rule_finds (const char *text,
            const char *platform,
            const char *rule_id,
            gboolean    lowered)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = sg_analyzer_analyze (analyzer, text, -1, platform, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (sg_finding_get_rule_id (f), rule_id) &&
          (lowered ? sg_finding_is_lowered (f) : sg_finding_get_severity (f) >= SG_SEVERITY_WARNING))
        return TRUE;
    }
  return FALSE;
}

/* This rule in particular flags the draft (warning or error). */
static void
assert_rule (const char *text,
             const char *platform,
             const char *rule_id)
{
  if (!rule_finds (text, platform, rule_id, FALSE))
    g_error ("%s did not flag: %s", rule_id, text);
}

/* This rule finds the draft, and its category's model lowers the finding to a suggestion. */
static void
assert_rule_lowered (const char *text,
                     const char *platform,
                     const char *rule_id)
{
  if (!rule_finds (text, platform, rule_id, TRUE))
    g_error ("%s did not find, or was not lowered, in: %s", rule_id, text);
}

/* The draft may be flagged for other reasons, but not for this category. */
static void
assert_not (const char *text,
            const char *platform,
            guint       unexpected)
{
  guint got = flags_of (text, platform);

  if ((got & unexpected) != 0)
    g_error ("false flag %#x in: %s", got & unexpected, text);
}

static void
test_confidentiality (void)
{
  assert_flags ("Could someone chase the CT for Margaret Hughes, NHS no 943 476 5919, in bed 4?",
                "whatsapp", FLAG (CONFIDENTIALITY));
  assert_flags ("Lovely chat with Mrs Okafor on the ward this morning while I did her bloods",
                "facebook", FLAG (CONFIDENTIALITY));
  assert_flags ("Just now in resus: a 31-year-old roofer who fell from scaffolding in Kendal. "
                "We lost him after an hour.", "x", FLAG (CONFIDENTIALITY));
  assert_flags ("pt AB, 45F, DOB 03/07/1979, came in overnight with DKA", "forum",
                FLAG (CONFIDENTIALITY));
  assert_flags ("Great teaching image [photo: chest X-ray with the header showing the "
                "patient's name and DOB]", "instagram", FLAG (CONFIDENTIALITY));
}

static void
test_confidentiality_clean (void)
{
  assert_clean ("Never post a patient's NHS number, even in a closed group.", "x");
  assert_clean ("Teaching case (fictional): a 58-year-old man presents with chest pain. "
                "What would you do first?", "x");
  assert_clean ("Please call the surgery on 0113 496 0871 to book your flu jab.", "facebook");
  assert_clean ("Ward 9 is closed to visitors this week because of norovirus.", "x");
  /* A handle near "patient" is a patient's, unless it is a doctor's or a practice's own
   * ("@DrSarahKhanGP … hasn't seen a real patient"; @drew_… is still a name). */
  assert_rule ("my patient @jenny_k92 keeps messaging me", "x", "confidentiality.patient-handle");
  assert_rule ("my patient @drew_smith97 keeps messaging me", "x",
               "confidentiality.patient-handle");
  g_assert_false (rule_finds ("@DrSarahKhanGP hasn't seen a real patient in years", "x",
                              "confidentiality.patient-handle", FALSE));
  g_assert_false (rule_finds ("Patient survey out now, reply to @OakSurgery", "x",
                              "confidentiality.patient-handle", FALSE));
}

static void
test_other_categories (void)
{
  assert_flags ("Another night of bed blockers and frequent flyers. Why do we bother.", "x",
                FLAG (RESPECT));
  assert_flags ("Dr Alan Pryce at Westfield General has been falsifying his mortality data.", "x",
                FLAG (DEFAMATION));
  assert_flags ("Anonymous A&E registrar here, not saying which trust. Thread below.", "x",
                FLAG (ANONYMITY));
  assert_flags ("Loving the new GlucoTrack Max monitor from Pellana, best device on the market!",
                "x", FLAG (CONFLICT_OF_INTEREST));
  assert_flags ("Got a migraine? Take sumatriptan 50mg at the start and repeat after two hours.",
                "facebook", FLAG (PRESCRIBING));
  assert_flags ("The best hip surgeon in Yorkshire, results guaranteed. Book your consultation "
                "today!", "facebook", FLAG (ADVERTISING));
  assert_flags ("Off to Crete for a fortnight from Friday, house empty and the dog's at my "
                "sister's!", "facebook", FLAG (PRIVACY));
  assert_flags ("Still drunk from the leaving do and on the ward round in an hour.", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("@kev_runs from what you describe that is definitely sciatica, you need an MRI.",
                "x", FLAG (BOUNDARIES));
}

static void
test_other_categories_clean (void)
{
  assert_clean ("Declaration of interest: I advise Pellana. Their new monitor data look "
                "promising but the trial was small.", "linkedin");
  assert_clean ("A new trial found that sumatriptan 50mg worked as well as 100mg for most "
                "people.", "bluesky");
  assert_clean ("I'm Dr Asha Patel, a GP in Leeds. Views my own.", "x");
  assert_clean ("Please don't stop any medicine without talking to your pharmacist.", "x");
  assert_clean ("Back from a lovely week away. Inbox is terrifying.", "facebook");
}

static void
test_offsets_and_fixes (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "💙 Margaret is a 78-year-old from Kendal admitted today to Ward 9 bed 3";
  g_autoptr(GPtrArray) findings = sg_analyzer_analyze (analyzer, text, -1, "x", &error);
  gboolean age_fix = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, >, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *f = g_ptr_array_index (findings, i);
      GArray *fixes = sg_finding_get_fixes (f);
      g_autofree char *span = g_strndup (text + sg_finding_get_start (f),
                                         sg_finding_get_end (f) - sg_finding_get_start (f));

      /* The span is the matched text, byte for byte. */
      g_assert_cmpstr (span, ==, sg_finding_get_match (f));
      g_assert_cmpuint (sg_finding_get_citations (f)->len, >, 0);

      for (guint j = 0; j < fixes->len; j++)
        {
          const SgFix *fix = &g_array_index (fixes, SgFix, j);
          if (g_strcmp0 (fix->kind, "generalise-age") == 0)
            {
              g_assert_cmpstr (fix->replacement, ==, "70-something");
              age_fix = TRUE;
            }
        }
    }
  g_assert_true (age_fix);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = sg_analyzer_analyze (analyzer, "abc\xff\xfe def", -1, "x", &error);

  g_assert_null (findings);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "byte 3"));
}

static void
test_nul_and_empty (void)
{
  g_autoptr(GError) error = NULL;
  const char text[] = "NHS no 943 476 5919\0 for Mrs Okafor in bed 4";
  g_autoptr(GPtrArray) findings = sg_analyzer_analyze (analyzer, text, sizeof text - 1, "x", &error);
  g_autoptr(GPtrArray) none = sg_analyzer_analyze (analyzer, "", 0, "x", &error);

  g_assert_no_error (error);
  g_assert_nonnull (findings);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_unknown_platform (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = sg_analyzer_analyze (analyzer, "hello", -1, "myspace", &error);

  g_assert_null (findings);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
}

static void
test_huge_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) findings = NULL;

  /* One 1 MB line with no newline; an NHS number near the end must still be found at the
   * right offset. */
  while (s->len < 1024 * 1024)
    g_string_append (s, "the ward was busy but the team were brilliant ");
  g_string_append (s, "NHS no 943 476 5919 for the lady in bed 4");

  findings = sg_analyzer_analyze (analyzer, s->str, s->len, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, >, 0);
  {
    SgFinding *last = g_ptr_array_index (findings, findings->len - 1);
    g_assert_cmpuint (sg_finding_get_start (last), >, 1024 * 1024 - 100);
  }
}

/* A page of short capitalised lines ("Mr Xy Ok" down a list) once made a proper-noun hit per
 * word reaching to the end of the run, quadratic in the page; found by fuzzing. It must cost
 * about what the same length of prose costs (a ratio in the same run, not a time). */
/* Text of odd shapes costs no more per byte than prose (each of these was once quadratic or
 * far slower): runs of capitalised words, one megabyte-long hyphenated "word" (an e-mail
 * look-ahead from each of its parts read it to the end), dotted and underscored runs, masked
 * words and exclamations with no space (token patterns walked their hits past their step
 * bound: 0.3–0.5 s a 32 KB segment, 2.2 s for 256 KiB against 0.02 s of prose; session 17,
 * found by the analyzer fuzzer; now under 0.1 s). */
/* A long paste that is one sentence full of hits (masked swearing, roles, an anonymous GP):
 * each rule's conditions read only the hits that could be in scope. Reading every hit of a
 * group for every anchor, and every negation for each, took 2 s on a 33 KB paste of this
 * (35 s under ASan, where the fuzzer found it); now about 0.05 s. The bound is generous. */
static void
test_long_sentence_of_hits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) findings = NULL;
  gint64 started;

  while (s->len < 33 * 1024)
    g_string_append (s, "[no| an i#NhS anonymous GP su*o.GP #ere ");
  started = g_get_monotonic_time ();
  findings = sg_analyzer_analyze (analyzer, s->str, s->len, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, >, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 500000);
}

static void
test_odd_shapes (void)
{
  static const char *shapes[] = { "MrFs Ok\n", "min-seo", "a.b.c.", "x_y+z-", "ab.cd@",
                                  "Na**j**", "Wha!Wha" };
  /* The last two are dense with hits (a masked word reads as many words): they may cost more
   * than prose, but not the thirty times they did. */
  const guint n_light = G_N_ELEMENTS (shapes) - 2;
  g_autoptr(GString) prose = g_string_new (NULL);

  while (prose->len < 256 * 1024)
    g_string_append (prose, "the ward was busy but the team were brilliant today. ");

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr(GString) page = g_string_new (NULL);
      double page_s = 0, prose_s = 0;
      gint64 t0;

      while (page->len < prose->len)
        g_string_append (page, shapes[s]);

      for (int round = 0; round < 2; round++)   /* the first warms the caches */
        {
          g_autoptr(GPtrArray) a = NULL;
          g_autoptr(GPtrArray) b = NULL;

          t0 = g_get_monotonic_time ();
          a = sg_analyzer_analyze (analyzer, prose->str, prose->len, "x", NULL);
          prose_s = (g_get_monotonic_time () - t0) / 1e6;
          t0 = g_get_monotonic_time ();
          b = sg_analyzer_analyze (analyzer, page->str, page->len, "x", NULL);
          page_s = (g_get_monotonic_time () - t0) / 1e6;
          g_assert_nonnull (a);
          g_assert_nonnull (b);
        }
      g_test_message ("256 KiB of “%s”: %.3f s, prose %.3f s", shapes[s], page_s, prose_s);
      g_assert_cmpfloat (page_s, <, (s < n_light ? 3 : 12) * prose_s + 0.05);
    }
}

/* A name after "St" or "Saint" is a hospital or a place, not a patient (issue 20 point 7:
 * "St Thomas'" was a patient called Thomas, and its fix read "St [removed]'"). */
static void
test_saints_are_places (void)
{
  const char *places[] = {
    "My patient from St Thomas' sent a card",
    "My patient from St. Thomas’ sent a card",
    "my lovely patient at St George's today, handover was chaos",
    "My patient from Saint Mary's sent a card",
  };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr(GPtrArray) found = sg_analyzer_analyze (analyzer, places[i], -1, "x", NULL);

      for (guint j = 0; j < found->len; j++)
        if (strstr (sg_finding_get_rule_id (g_ptr_array_index (found, j)), "name") != NULL)
          g_error ("“%s”: %s", places[i], sg_finding_get_rule_id (g_ptr_array_index (found, j)));
    }
  g_assert_true (flags_of ("My patient Thomas sent a card", "x") & FLAG (CONFIDENTIALITY));
}

static void
test_ignored_rules (void)
{
  /* The respect model reads "bed blockers" as the rules do (0.96 since session 15's
   * retraining): it is a rule like the others, ignored by its own id. */
  const char *ignored[] = { "respect.derogatory-language", "respect.dehumanising-in-clinic",
                            "respect.reads-like-flagged-posts", NULL };
  const char *text = "Three bed blockers on the ward again.";

  g_assert_true (flags_of (text, "x") & FLAG (RESPECT));
  sg_analyzer_set_ignored_rules (analyzer, ignored);
  g_assert_false (flags_of (text, "x") & FLAG (RESPECT));
  sg_analyzer_set_ignored_rules (analyzer, NULL);
}

static void
test_watch_list (void)
{
  const char *terms[] = { "Larkspur", NULL };
  const char *text = "Lovely chat today with a 92-year-old gentleman at Larkspur about his war service";

  sg_analyzer_set_watch_list (analyzer, terms);
  g_assert_true (flags_of (text, "x") & FLAG (CONFIDENTIALITY));
  sg_analyzer_set_watch_list (analyzer, NULL);
}

/* Clinical-note style, as handover messages and group chats are written: names in capitals or
 * lower case, US and ISO dates, phone numbers after "call" or "tel"; and acronyms that are
 * never names. */
static void
test_clinical_note_style (void)
{
  assert_flags ("BED 9 - MR OKONJO-BAILEY, post op day 2, drain out, for d/c tmrw", "whatsapp",
                FLAG (CONFIDENTIALITY));
  assert_flags ("mrs t in side room 2 spiked a temp overnight, cultures sent", "whatsapp",
                FLAG (CONFIDENTIALITY));
  assert_flags ("Miss K. Adeyemi admitted 2026-03-14 with DKA, please review", "forum",
                FLAG (CONFIDENTIALITY));
  /* The same note at twenty words and more, where the confidentiality model may lower the
   * name's warning (it learnt from social posts and scores a clinical note 0.14): the date
   * of admission is a firm warning, so the note is still flagged (session 18). */
  assert_flags ("Miss K. Adeyemi admitted 2026-03-14 with DKA, please review her fluids and "
                "potassium this evening and let the night registrar know if anything changes "
                "overnight", "forum", FLAG (CONFIDENTIALITY));
  assert_flags ("pt DOB 3/14/1962 needs her warfarin restarted", "whatsapp",
                FLAG (CONFIDENTIALITY));
  assert_flags ("Mr Delaney's daughter wants an update on his chest infection, "
                "call her on 07700 900417", "whatsapp", FLAG (CONFIDENTIALITY));
}

static void
test_clinical_note_clean (void)
{
  assert_clean ("INR 3.4 today, hold warfarin, recheck Thursday. BUN up, FFP given. NOW team "
                "aware.", "whatsapp");
  assert_clean ("Reminder: the ECG, FBC and U&E for the audit are due by Friday.", "whatsapp");
  assert_clean ("Ms clinic moved to room 4 from next week (multiple sclerosis nurse clinic).",
                "whatsapp");
}

/* The register real posts use: masked swearing, slang, fragments. */
static void
test_real_register (void)
{
  /* A profession told to keep to a lesser task or its lane, or called uneducated (session 14,
   * from the kinds of put-down tune-50 carried, in other words). */
  assert_flags ("pharmacists should stick to counting pills babes", "x", FLAG (RESPECT));
  assert_flags ("radiographers need to stay in their lane tbh", "bluesky", FLAG (RESPECT));
  assert_flags ("nurses on this ward are so poorly educated, it's a culture problem", "facebook",
                FLAG (RESPECT));
  assert_not ("GPs should stick to the NICE guidance on this one", "x", FLAG (RESPECT));
  /* Introduced with a grade above one's own, the real grade said in the same post. */
  assert_flags ("I introduced myself to the relatives as the consultant so they would trust me, "
                "I'm an FY2", "facebook", FLAG (PROFESSIONALISM));
  assert_flags ("we introduce ourselves as the registrar to speed things up, I'm only a PA",
                "forum", FLAG (PROFESSIONALISM));
  assert_clean ("I introduced myself as the consultant on call and went through the plan with "
                "the family", "x");
  assert_flags ("the locum on nights is a total tw*t, couldnt cannulate a drainpipe", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("which absolute muppet left the resus trolley like this", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("3 pints of cider at lunch then straight back for the afternoon list lol", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("bumped into two of my asthma clinic patients at the quiz, we're all mates on "
                "insta now", "facebook", FLAG (BOUNDARIES));
  assert_flags ("Riverside Dental keeps billing patients for fillings they never did", "x",
                FLAG (DEFAMATION));
  assert_flags ("20% off all lip filler this weekend only!! book now", "instagram",
                FLAG (ADVERTISING));
  assert_flags ("the jab is poison, do your own research before you let them near your kids",
                "facebook", FLAG (PROFESSIONALISM));
  /* A threat to hurt someone, a remark on a body with the slang masked, a title someone
   * does not hold. */
  assert_flags ("if that porter mouths off at me once more im gonna lamp him", "whatsapp",
                FLAG (PROFESSIONALISM));
  /* Sexual violence as a joke, a threat or the victim's fault (issue 18); the same words in
   * care, support and a complaint about such a joke stay clean. */
  assert_rule ("if she keeps complaining I'll rape her lol", "whatsapp",
               "respect.sexual-violence-trivialised");
  assert_rule ("sexual abuse jokes aside, that patient was asking for it", "x",
               "respect.sexual-violence-trivialised");
  assert_rule ("whoever roofied the new F1's drink at the mess party is a legend 😂", "whatsapp",
               "respect.sexual-violence-trivialised");
  assert_not ("spent the night at the SARC, forensic exam after a rape, she was so brave", "x",
              FLAG (RESPECT));
  assert_not ("rape crisis helpline number is in my bio if anyone needs it", "instagram",
              FLAG (RESPECT));
  assert_not ("the reg made a rape joke in theatre and nobody said anything. not ok", "x",
              FLAG (RESPECT));
  assert_flags ("new anaesthetic reg has a b*m you could crack walnuts on", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("the cardio reg is fit as f*** ngl", "whatsapp", FLAG (RESPECT));
  assert_flags ("FY2 here but my bio reads 'Consultant Cardiologist', clicks are clicks", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("final year med student, I sign off my replies as 'Dr Priya' and nobody minds",
                "tiktok", FLAG (PROFESSIONALISM));
  assert_flags ("drinkers who turn up yellow should go to the back of the queue for a liver tbh",
                "x", FLAG (PROFESSIONALISM));
  assert_flags ("GP of 20 yrs here. reiki clears migraines better than any triptan, fact", "facebook",
                FLAG (PROFESSIONALISM));
  assert_flags ("the crackheads r back in the car park by the renal unit, lock ur cars", "x",
                FLAG (RESPECT));
  assert_flags ("did the whole on-call weekend with a temp of 39 and d&v, hero stuff tbh", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("lost my smartcard so i just use the reg's login, nobody checks lol", "whatsapp",
                FLAG (PROFESSIONALISM));
  assert_flags ("as a neurologist, the prime minister is obviously demented, watch his hands",
                "x", FLAG (PROFESSIONALISM));
  /* A gift praised with no word that it was given ("Gifted by…" would be that word). */
  assert_flags ("BrightDerm sent me their new vitamin C serum this week, every med student needs "
                "one", "instagram", FLAG (CONFLICT_OF_INTEREST));
  assert_flags ("mounjaro pens back in stock!! DM for the quick online form, posted out next day",
                "instagram", FLAG (ADVERTISING));
  assert_flags ("fave vitamin gummies ever 😍 use code DRLOU20 for 20% off", "instagram",
                FLAG (CONFLICT_OF_INTEREST));
  assert_flags ("as an NHS surgeon: voting Reform is bad for your heart, that's a clinical fact",
                "x", FLAG (PROFESSIONALISM));
  assert_flags ("bloke's been on 60 a day for 40 years and now wants sympathy for his COPD. "
                "serves him right", "x", FLAG (PROFESSIONALISM));
  assert_flags ("twerking at the nurses' station on nights 😂", "tiktok", FLAG (PROFESSIONALISM));
  assert_flags ("this is the reg who missed my mum's stroke @drjlewis_ go and tell her what you "
                "think", "x", FLAG (RESPECT));
  assert_flags ("why do the romanian lot always kick off when they're told to wait", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("saw my next door neighbour in the sexual health clinic today 😬", "whatsapp",
                FLAG (CONFIDENTIALITY));
  assert_flags ("Looking after a famous actor this week, won't say who", "x",
                FLAG (CONFIDENTIALITY));
  assert_flags ("set up a fake profile as a 'worried mum' to back up my clinic in the local group",
                "facebook", FLAG (ANONYMITY));
  assert_flags ("hubby's chest has been rattly all week so I started him on doxy from the "
                "practice stock", "facebook", FLAG (PRESCRIBING));
  assert_flags ("wrote myself a bit of diazepam before my driving test lol", "whatsapp",
                FLAG (PRESCRIBING));
  assert_flags ("Proud of my daughter, first day at Hillside Academy today 🥹", "facebook",
                FLAG (PRIVACY));
  assert_flags ("fyi the staff door by pharmacy is never locked after 9pm", "x", FLAG (PRIVACY));
  /* A live location shared; the advice to switch it off is not. */
  assert_rule ("live location on, leaving the hospital now, same route as always", "x",
               "privacy.live-location-shared");
  assert_rule ("my location's on in find my friends if anyone wants to meet after the shift",
               "whatsapp", "privacy.live-location-shared");
  assert_not ("turn off live location and snap map before you post, stalkers exist", "x",
              FLAG (PRIVACY));
  assert_flags ("word is the reg on nights, Dr Amos, got sacked for nicking fentanyl. pass it on",
                "whatsapp", FLAG (DEFAMATION));
  assert_flags ("I invested in PulseNow last year and honestly it's the best BP cuff out there, "
                "every GP needs one", "linkedin", FLAG (CONFLICT_OF_INTEREST));
  assert_flags ("ran into my patient's son at the gym, we've been for drinks twice since 😍", "x",
                FLAG (BOUNDARIES));
  assert_flags ("the bloke in cubicle 6 is an absolute unit, trolley was groaning under him 😂",
                "whatsapp", FLAG (RESPECT));
  assert_flags ("snapped the jobs list for u lot 📸 good luck on nights", "whatsapp",
                FLAG (CONFIDENTIALITY));
  assert_flags ("countersigned the whole CD book without checking a single entry, home by 6 😎",
                "whatsapp", FLAG (PROFESSIONALISM));
  assert_flags ("they're paying me to post this but shh 🤫 best protein bars going", "instagram",
                FLAG (CONFLICT_OF_INTEREST));
  assert_flags ("before ➡️ after, 2 sessions of profhilo, book via the link in bio", "instagram",
                FLAG (ADVERTISING));
  assert_flags ("rating tonight's patients out of 10 for smell, bay 4 wins", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("most relaxed bloke in the building is in the mortuary fridge lol", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("still half cut from the leaving do and clerking on AMU till 9 🥴", "whatsapp",
                FLAG (PROFESSIONALISM));
  assert_flags ("@GPbasher99 shut ur gob you absolute melt", "x", FLAG (RESPECT));
  assert_flags ("Settled into our little cottage at the end of Mill Lane, Hebden Bridge, old patients "
                "welcome to pop round", "facebook", FLAG (PRIVACY));
  assert_flags ("my flatmate needs amoxicillin for her tooth so I'll just write it lol", "whatsapp",
                FLAG (PRESCRIBING));
  assert_flags ("bay 6's son is gorgeous, gonna find him on insta later 👀", "whatsapp",
                FLAG (BOUNDARIES));
  assert_flags ("Our local councillor is a paedophile, everyone round here knows it", "facebook",
                FLAG (DEFAMATION));
  assert_flags ("statins cause way more heart failure than they prevent, look it up", "x",
                FLAG (PROFESSIONALISM));
  /* Session 6: classes learnt from tune-9 and tune-6…8, in new words. */
  assert_flags ("selfie with the removed gallbladder, what a beast lol", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("cadaver selfies in the dissection room lmao", "instagram",
                FLAG (PROFESSIONALISM));
  assert_flags ("ADHD is made up tbh, its just bad parenting", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("long covid isnt even real lol, its anxiety", "facebook",
                FLAG (PROFESSIONALISM));
  assert_flags ("fibromyalgia is basically just laziness with a label", "forum",
                FLAG (PROFESSIONALISM));
  assert_flags ("that reg couldnt cannulate a banana, how did he pass MRCP", "x",
                FLAG (RESPECT));
  assert_flags ("gen surg have the brains of a plank i swear", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("four BMI 60 hippos on the list today, theatre table groaning", "x",
                FLAG (RESPECT));
  assert_flags ("bf has had a chest for weeks so i gave him some of the amoxicillin left from my own course lol", "whatsapp",
                FLAG (PRESCRIBING));
  assert_flags ("happy to sort u a few diazepam for the flight hun x", "facebook",
                FLAG (PRESCRIBING));
  assert_flags ("sent ur naproxen through to the boots on the high st, collect after 4", "x",
                FLAG (PRESCRIBING));
  assert_flags ("i can bring some of my mums diazepam for the flight, shes got loads x", "whatsapp",
                FLAG (PRESCRIBING));
  assert_flags ("only otoscope worth getting for placement tbh, the company sorted me out with one after my last vid 🙌", "instagram",
                FLAG (CONFLICT_OF_INTEREST));
  assert_flags ("did 3 google reviews for the practice off my sister's and my husbands accounts lol, 5 stars each", "facebook",
                FLAG (ANONYMITY));
  assert_flags ("leaving some 5 star reviews from my 'patient' account 😂", "instagram",
                FLAG (ADVERTISING));
  assert_flags ("been answering questions on a diabetes forum as a fellow type 1, which im not", "forum",
                FLAG (ANONYMITY));
  assert_flags ("posting as tired_mum_2 on mumsnet so nobody knows i'm a GP", "x",
                FLAG (ANONYMITY));
  assert_flags ("apparently prof hughes is sleeping with one of the 4th years and thats how she got the distinction lol pass it on", "whatsapp",
                FLAG (DEFAMATION));
  assert_flags ("Dr Sam Patel is a danger in theatre and everyone who has worked with him knows it", "x",
                FLAG (DEFAMATION));
  assert_flags ("avoid @glowbyjess, shes not even qualified and uses dodgy filler from China", "instagram",
                FLAG (DEFAMATION));
  assert_flags ("the surgeons on call tonight are useless, every one of them", "x",
                FLAG (RESPECT));
  assert_flags ("did a whole clinic after 2 glasses of red at lunch, patients none the wiser", "whatsapp",
                FLAG (PROFESSIONALISM));
  assert_flags ("came in this morning with a stinking hangover, still half cut, saw 30 patients", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("told the patient i was Dr Khan, im only a 3rd year med student lol", "tiktok",
                FLAG (PROFESSIONALISM));
  assert_flags ("As a consultant anaesthetist (well, ST6, close enough) I can tell you this budget will kill people.", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("as a GP im not giving my kids the MMR, too many jabs too young", "facebook",
                FLAG (PROFESSIONALISM));
  assert_flags ("To the fella whose bloods I did this morning: yer cholesterol is FINE, stop ringing the practice", "x",
                FLAG (BOUNDARIES));
  assert_flags ("to the lady in bay 4 who knitted me a scarf during her chemo, I'll treasure it", "facebook",
                FLAG (CONFIDENTIALITY));
  assert_flags ("the prof on my firm is a dried up old b*tch, made a student cry again", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("new F2 in resus is absolutely stunning, those scrubs are doing her favours lol", "x",
                FLAG (RESPECT));
  assert_flags ("why do the traveller families ALWAYS turn up at 2am with nine relatives", "facebook",
                FLAG (RESPECT));
  assert_flags ("everyone go and reply to @DrJo's thread and tell her what we think, let's get it deleted", "x",
                FLAG (RESPECT));
  assert_flags ("'I look 10 years younger and my husband can't stop staring' 😍 another happy client!! your turn babe? DM 'GLOW' 💌", "instagram",
                FLAG (ADVERTISING));
  assert_flags ("thrilled our clinic has been ranked the UK's No. 1 for knee outcomes (our own survey). Referrals welcome", "linkedin",
                FLAG (ADVERTISING));
  assert_flags ("still absolutely steaming from the mess party 🥴 clerking ur nan rn", "tiktok",
                FLAG (PROFESSIONALISM));
  assert_flags ("lol just introduced myself as 'Dr Ahmed' to the family on ward 7 and they bought it 🤫", "whatsapp",
                FLAG (PROFESSIONALISM));
  assert_flags ("introduced myself to a family as their doctor today, they don't need to know the difference", "facebook",
                FLAG (PROFESSIONALISM));
  assert_flags ("did a ward round on three hours sleep and a couple of my own diazepam, nobody noticed", "forum",
                FLAG (PROFESSIONALISM));
  assert_flags ("wrote myself some zopiclone on the ed system again cant sleep after nights", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("at this point im too tired to care if they die on the trolley", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("honestly some patients deserve what they get", "x",
                FLAG (RESPECT));
  assert_flags ("omg the influencer @chloe.fitz came into ED last night absolutely BLOTTO and so rude to the nurses", "instagram",
                FLAG (CONFIDENTIALITY));
  assert_flags ("the bloke from that viral video falling off the pier?? yeah. MY patient. cant say more", "tiktok",
                FLAG (CONFIDENTIALITY));
  assert_flags ("been proper rough with d&v since 4am but cant leave them short so im in, leg it to the loo between bloods", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("2 cans in the mess at tea time then back on for the twilight shift", "whatsapp",
                FLAG (PROFESSIONALISM));
  assert_flags ("took a bit of propofol home for the insomnia, don't knock it", "tiktok",
                FLAG (PROFESSIONALISM));
  assert_flags ("been signing as 'Consultant Surgeon' on the locum forms and nobody's noticed", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("think i gave someone the wrong dose this morning, didn't tell my supervisor, they're short already", "forum",
                FLAG (PROFESSIONALISM));
  assert_flags ("me and the HCA did a full riverdance in theatre between cases while the next patient was asleep", "tiktok",
                FLAG (PROFESSIONALISM));
  assert_flags ("im spacing her jabs out, 6 in one go is too much for a tiny immune system", "facebook",
                FLAG (PROFESSIONALISM));
  assert_flags ("posting as a nurse on the parenting forum because people trust nurses more lol", "forum",
                FLAG (ANONYMITY));
  assert_flags ("posting from my old account on the village page so it doesn't look like me: the new GP is brilliant, book in with her", "facebook",
                FLAG (ANONYMITY));
  assert_flags ("great to see our number 7 back in training after the knee op, hammies still tight", "x",
                FLAG (CONFIDENTIALITY));
  assert_flags ("the lad from three doors down was in resus last night after a fight", "whatsapp",
                FLAG (CONFIDENTIALITY));
  assert_flags ("my 'anonymous patient' review of myself is doing numbers, five stars", "x",
                FLAG (ANONYMITY));
  assert_flags ("lads if any of yous still have that chest thing just msg me, ill sort u amoxicillin off the system monday", "whatsapp",
                FLAG (PRESCRIBING));
  assert_flags ("anyone else self-prescribe a bit of zopiclone during nights? just the odd tab from ward stock", "forum",
                FLAG (PROFESSIONALISM));
  assert_flags ("my two are at Oakfield Primary (Y2 and Y4), pick up is 3:15 if any parents want signed stuff", "facebook",
                FLAG (PRIVACY));
  assert_flags ("not saying Dr Fitz at the Mater was drunk in theatre yesterday but the smell off him would strip paint", "x",
                FLAG (DEFAMATION));
  assert_flags ("Best OH provider in the North West? Brightwater Health, no contest. (Ok, I'm a little biased)", "linkedin",
                FLAG (CONFLICT_OF_INTEREST));
  assert_flags ("the ortho reg today was a proper tw*t to the nurses, screamed at a band 5", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("Proud case study: a 52 year old head of finance at a major Leeds law firm back at his desk after alcohol rehab with our support", "linkedin",
                FLAG (CONFIDENTIALITY));
  assert_flags ("A tiny 26 weeker from our NICU finally went home today after 4 months, baby Simran you are a FIGHTER", "instagram",
                FLAG (CONFIDENTIALITY));
  assert_flags ("the lady i clerked on placement added me on fb and invited me to her gig, going saturday obviously", "facebook",
                FLAG (BOUNDARIES));
  assert_flags ("the girl from placement (the hernia one) found me on insta and i followed back, shes fit", "x",
                FLAG (BOUNDARIES));
  assert_flags ("leaving reviews for my own clinic from my sisters phone lol, every little helps", "facebook",
                FLAG (ANONYMITY));
  assert_flags ("sock account time. @SafeGP_Mum is going to reply to the antivax lot, nobody needs to know it's me", "x",
                FLAG (ANONYMITY));
  assert_flags ("been posting on mumsnet as TiredMum22 warning people off the birth centre, they'd never listen if they knew it was the consultant", "forum",
                FLAG (ANONYMITY));
  assert_flags ("so many of u asking about the weight loss jabs, i can do Mounjaro via DM consult, no need to come in, ill post it out", "instagram",
                FLAG (PRESCRIBING));
  assert_flags ("Ammi keeps asking for her BP tablets, I'll just do them off the FP10s at work", "whatsapp",
                FLAG (PRESCRIBING));
  assert_flags ("13 hr shift, took two of the codeine from my own stash just to get through the ward round", "whatsapp",
                FLAG (PROFESSIONALISM));
  assert_flags ("4 hrs sleep, few pints of cider at the wedding last night and I'm airway today. what could go wrong", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("might have been slightly high for my GP placement monday", "whatsapp",
                FLAG (PROFESSIONALISM));
  assert_flags ("push up comp on the unit at 4am between obs rounds, filmed it in bay 2, patients all sedated", "tiktok",
                FLAG (PROFESSIONALISM));
  assert_flags ("These covid boosters in pregnancy have NOT been properly tested. Do your own research ladies.", "facebook",
                FLAG (PROFESSIONALISM));
  assert_flags ("Women on frontline medical teams were a liability then and they still are.", "x",
                FLAG (RESPECT));
  assert_flags ("the woman who came in wanting new lips with a face like a slapped haddock 😂 babe no amount of filler is fixing that", "instagram",
                FLAG (RESPECT));
  assert_flags ("folk with 'BPD' in their bio are exhausting, no wonder the crisis team can't stand them", "x",
                FLAG (RESPECT));
  assert_flags ("the lecturer with the lisp tryna say 'sphenoid sinus' 💀💀 im sorry i cant", "tiktok",
                FLAG (RESPECT));
  assert_flags ("That online ADHD clinic Focus Minds is a diagnosis mill. They rubber stamp anyone who pays £800. Avoid.", "x",
                FLAG (DEFAMATION));
  assert_flags ("Auntie ji in bed 14 wants me to marry her grandson, she's 82, from Sparkhill, in with her sugars", "whatsapp",
                FLAG (CONFIDENTIALITY));
  assert_flags ("Best wishes to Dai from the garage who's home from Morriston after his bypass, lovely to see him walking the dog", "facebook",
                FLAG (CONFIDENTIALITY));
  assert_flags ("been up all night with the squits, still doing surgery tho cos theres nobody to cover", "whatsapp",
                FLAG (PROFESSIONALISM));
  /* Insinuation about hidden evidence, not a claim stated outright. */
  assert_flags ("not anti jab or owt but why is no one investigating all these young lads collapsing?? "
                "do ur own research x", "facebook", FLAG (PROFESSIONALISM));
  assert_flags ("the trial data on the flu vaccine they suppressed... funny that", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("antidepressants r the greatest con in modern medicine, been saying it 10 yrs", "tiktok",
                FLAG (PROFESSIONALISM));
  /* People as vermin, whoever they are. */
  assert_flags ("hospital managers r basically leeches, every one of em", "x", FLAG (RESPECT));
  assert_flags ("frequent attenders are the cockroaches of general practice, cant get rid", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("3rd kid in this yr with nits from the same house. some folk shouldnt be allowed to "
                "reproduce", "x", FLAG (RESPECT));
  assert_flags ("Romanians in our catchment always skip their appointments", "forum", FLAG (RESPECT));
  /* Meeting a patient or their family socially; advice to one person in a reply. */
  assert_flags ("fella I stitched up in majors last month messaged me, we're heading out for a pint "
                "fri 🍺", "x", FLAG (BOUNDARIES));
  assert_flags ("saw the twins from our NICU at the garden centre, mum and I r going for brunch soon",
                "facebook", FLAG (BOUNDARIES));
  assert_flags ("replying to Gaz Pryce: ur iron is on the floor, start them tablets n ill sort bloods",
                "facebook", FLAG (BOUNDARIES));
  /* Drink or drugs named at work; medicines taken from work or a friend. */
  assert_flags ("necked a bottle of prosecco in the on call room b4 the 2nd half of nights, dont judge",
                "x", FLAG (PROFESSIONALISM));
  assert_flags ("still hungover. first pt at 8. pray for me", "whatsapp", FLAG (PROFESSIONALISM));
  assert_flags ("finals survival kit = elvanse off my housemate n 3 red bulls", "tiktok",
                FLAG (PROFESSIONALISM));
  assert_flags ("pocketed some leftover fent from the end of the list, rough week", "whatsapp",
                FLAG (PROFESSIONALISM));
  /* Pictures with what was removed in theatre; a title on a profile that is not held. */
  assert_flags ("pic with the kidney stone we whipped out today 😂 size of a grape", "instagram",
                FLAG (PROFESSIONALISM));
  assert_flags ("changed my bio to 'Dr Kaz, skin expert'. technically i'm a nurse prescriber but "
                "nobody's said anything", "instagram", FLAG (PROFESSIONALISM));
  /* Wrongdoing alleged as fact about a named place or person, in words not on any list. */
  assert_flags ("everyone knows Brookside care home leaves residents in wet pads to save on staff",
                "facebook", FLAG (DEFAMATION));
  assert_flags ("the ops manager at Westgate has been backdating the rota logs since march", "x",
                FLAG (DEFAMATION));
  assert_flags ("Glow Aesthetics in Bury are using counterfeit botox, seen the boxes myself", "instagram",
                FLAG (DEFAMATION));
  /* Reviews from your own circle, another account of yours. */
  assert_flags ("got my receptionist and my cousin to leave a couple of 5 star reviews on Doctify lol",
                "x", FLAG (ANONYMITY));
  assert_flags ("left a google review for the practice under my dad's name, 5 stars obvs", "facebook",
                FLAG (ANONYMITY));
  assert_flags ("running a side insta @skin.truths where i review clinics 👀 mine always wins", "instagram",
                FLAG (ANONYMITY));
  /* UK and Scots insults. */
  assert_flags ("that locum on nights is an absolute weapon, left 6 jobs for me", "whatsapp", FLAG (RESPECT));
  assert_flags ("the new reg in ortho, total bampot. shouts at everyone", "x", FLAG (RESPECT));
  assert_flags ("pt in cubicle 3 😳 why is he this buff with appendicitis, couldnt concentrate",
                "tiktok", FLAG (RESPECT));
  assert_flags ("speaking as a gp, the hpv jab has never even been safety tested in boys", "facebook",
                FLAG (PROFESSIONALISM));
  /* The writer's own safety: a child's school in lower case, their own number or car. */
  assert_flags ("late again for my lads assembly at st peters primary, on call till 5 at the infirmary",
                "facebook", FLAG (PRIVACY));
  assert_flags ("whoever keeps blocking the silver yaris AB12 CDE in the staff car park, text me on "
                "07700 900234", "x", FLAG (PRIVACY));
  assert_flags ("heres my ID badge lol, the new readers on theatres never work", "x", FLAG (PRIVACY));
  assert_flags ("the agency on Mill Lane pockets half our locum rates and calls it admin", "x",
                FLAG (DEFAMATION));
  assert_flags ("if this govt cuts our pay again im going to stop ventilating tories lol", "x",
                FLAG (PROFESSIONALISM));
  /* Records of someone the writer knows; a patient placed by name and where they are from. */
  assert_flags ("my neighbour's lad is on ward 9, had a quick look at his results on my break, "
                "hes fine", "whatsapp", FLAG (CONFIDENTIALITY));
  assert_flags ("Pen-blwydd hapus to Ceri from Llanbedrog on her 90th birthday! Proud to have been "
                "her GP through her breast cancer", "facebook", FLAG (CONFIDENTIALITY));
  /* Advice promised back for a report or photo sent by private message (our wording). */
  assert_flags ("Pat, so sorry about ur shoulder :( send me the MRI report by DM and I'll advise x",
                "facebook", FLAG (BOUNDARIES));
  /* Mock fights in theatre; signing your own training records because nobody checks. */
  assert_flags ("me and the F2 had a lightsaber fight with the laparoscopic graspers in theatre lol",
                "x", FLAG (PROFESSIONALISM));
  assert_flags ("just sign the DOPS yourself, the consultants never check them anyway 😂", "x",
                FLAG (PROFESSIONALISM));
  /* A pet name with an eye-roll or a jibe, aimed at a colleague or a patient. */
  assert_flags ("the new SHO asked me where the cannulas are for the 5th time. they're in the "
                "cupboard, darling 💀", "x", FLAG (RESPECT));
  assert_flags ("pt in minors wants a sick note for his hangover 🙄 not today, sweetheart", "x",
                FLAG (RESPECT));
  /* Mocking how a colleague speaks, or telling them to learn English. */
  assert_flags ("honestly couldn't follow a word the new Polish reg said at handover, learn some "
                "English mate 🙄", "x", FLAG (RESPECT));
  /* A student's account under a "Dr" name, and a student's year written as "4th year". */
  assert_flags ("running a 'Dr Kit' skincare account, nobody knows i'm a 3rd year lol", "tiktok",
                FLAG (PROFESSIONALISM));
  assert_flags ("hi all, I'm Dr Sophie 👋 4th year medic sharing my journey", "instagram",
                FLAG (PROFESSIONALISM));
  /* "Won't say who", then the clues. */
  assert_flags ("won't say who but our lollipop lady had her op today, she's on the mend x",
                "facebook", FLAG (CONFIDENTIALITY));
  /* Wishing harm on the people you care for. */
  assert_flags ("whole waiting room full of drunks again. let them rot tbh", "x",
                FLAG (PROFESSIONALISM));
  /* Posting as a made-up person, or from a second account, to borrow trust. */
  assert_flags ("posting as a 'worried dad' on the support group so the parents open up, then I "
                "mention my clinic", "facebook", FLAG (ANONYMITY));
  assert_flags ("left a glowing google review for the clinic from my alt lol, patients trust "
                "reviews more than us", "x", FLAG (ANONYMITY));
  /* Praise with the interest let slip in passing (they pay me, a cut, a fiver a sign-up). */
  assert_flags ("Riverside Uni's sim course is the best in the north, no contest 🎓 (they started "
                "paying me to run their open evenings ha)", "linkedin",
                FLAG (CONFLICT_OF_INTEREST));
  /* An insult in a reply lands on the person tagged; looks compared with "a face like that". */
  assert_flags ("@drsmith_gp still flogging crystals at your age? daft old fool, retire already",
                "x", FLAG (RESPECT));
  assert_flags ("women coming in wanting Bella Hadid cheekbones with a face like that 😬 filler "
                "isnt a miracle hun", "instagram", FLAG (RESPECT));
  /* A divisive opinion stated with a doctor's authority as settled fact. */
  assert_flags ("As a senior NHS consultant I can tell you straight: it's the small boats. Every "
                "one is another month on your waiting list. Wake up.", "x",
                FLAG (PROFESSIONALISM));
  /* Taking a medicine from ward stock for yourself is a supply, not only conduct. */
  assert_flags ("helped myself to some zopiclone from ward stock before my day sleep, needs must 😴",
                "x", FLAG (PRESCRIBING) | FLAG (PROFESSIONALISM));
  /* Your home described so it can be found; a practice's new door is not a home. */
  assert_flags ("finally moved in! white cottage behind the church, kettle's on if anyone's passing "
                "😊", "facebook", FLAG (PRIVACY));
  /* Ill at work, "between patients" (the patients are not the ones who are ill). */
  assert_flags ("still throwing up with d&v but on shift anyway, dosing myself with imodium between "
                "patients 🤢", "x", FLAG (PROFESSIONALISM));
  /* Innuendo about a colleague or a patient. */
  assert_flags ("new reg on the unit 🥵 ward round has never been so popular", "x", FLAG (RESPECT));
  assert_flags ("examined the lad from bay 3 very carefully today, if you know what i mean", "x",
                FLAG (RESPECT));
  /* Patients run down by where they come from. */
  assert_flags ("every valleys patient i see wants antibiotics for a cold 🙄", "x", FLAG (RESPECT));
  /* Records cooked by someone identifiable by their role, said as fact. */
  assert_flags ("my old trainer cooks his QOF numbers every March, the whole practice knows", "x",
                FLAG (DEFAMATION));
  /* Patient work carried on while ill or sedated, told as if to one's credit. */
  assert_flags ("migraine from hell and zero cover, cracked on with the theatre list regardless 💪",
                "x", FLAG (PROFESSIONALISM));
  assert_flags ("popped two sleepers at midnight, on call at 7, it'll be fine", "whatsapp",
                FLAG (PROFESSIONALISM));
  /* Letting people believe you hold a grade you do not. */
  assert_flags ("ward sister thought I was the consultant and I just rolled with it 😅", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("been posing as a registrar on the forums for months, nobody checks", "forum",
                FLAG (PROFESSIONALISM));
  /* Posting under a made-up identity: a quoted persona, alts, reviews written as patients. */
  assert_flags ("I comment on the parenting forums as 'Midwife_Kaz_88' and they lap it up, I'm a GP",
                "forum", FLAG (ANONYMITY));
  assert_flags ("have four alts on the GP subreddit to back myself up when the PAs pile in", "forum",
                FLAG (ANONYMITY));
  assert_flags ("can you all leave five star reviews as though you were patients pls, launch is "
                "friday", "whatsapp", FLAG (ANONYMITY));
  /* An interest let slip beside the praise. */
  assert_flags ("the mole clinic at Harley Medica is the best around, I'm a director there, go see "
                "them", "instagram", FLAG (CONFLICT_OF_INTEREST));
  /* Someone you treated, named by what you did ("the lass I glued up"), met socially. */
  assert_flags ("cutest date tonight with the lass I glued up in minors, small world", "x",
                FLAG (BOUNDARIES));
  assert_flags ("the guy I did lip filler on last spring, we follow each other now and he's a laugh "
                "🥰", "instagram", FLAG (BOUNDARIES));
  assert_flags ("lovely chap from the diabetes clinic, texted him my new number so he can check in",
                "x", FLAG (BOUNDARIES));
  /* A group of people blamed, punished, called a failure or mad, or joked about as a herd. */
  assert_flags ("Obese people should pay for their own hip ops. End of.", "x", FLAG (RESPECT));
  assert_flags ("Romanian families are the reason our waits are so long tbh", "facebook",
                FLAG (RESPECT));
  assert_flags ("urology bc they're all mad, no offence", "x", FLAG (RESPECT));
  assert_flags ("anyone in psychiatry is a failed physician tbh", "forum", FLAG (RESPECT));
  assert_flags ("what's the collective noun for a bay full of Irish grannies", "x", FLAG (RESPECT));
  /* A misleading claim that holds its own negation ("don't need vaccines"), or a scam claim. */
  assert_flags ("honestly ur kids don't need vaccines if they eat well and sleep, the body knows",
                "facebook", FLAG (PROFESSIONALISM));
  assert_flags ("SSRIs are a pharma scam, a long walk does the same job", "x",
                FLAG (PROFESSIONALISM));
  /* Accounts made to look like other people: several at once, a second name run alongside, a
   * quoted persona posted from, a page owned up to. */
  assert_flags ("made four new accounts to back up my own reply to Dr Shah's thread 😂", "x",
                FLAG (ANONYMITY));
  assert_flags ("I also run @GrannyKnowsBest where I tell mums to skip the MMR", "x",
                FLAG (ANONYMITY));
  assert_flags ("(posting from my 'happy client' account so it looks legit) the best lip clinic in "
                "Leeds is ours", "instagram", FLAG (ANONYMITY));
  assert_flags ("this 'neutral parent' page everyone shares about vaccines? it's me lol, I'm a GP",
                "facebook", FLAG (ANONYMITY));
  /* Another person's login to the records, pay claimed for work not done, driving after
   * drinking; an IT fault, a colleague reported, and advice against it are not. */
  assert_rule ("logged into my mate's account to see his ex's scan results lol", "whatsapp",
               "professionalism.login-shared");
  assert_not ("the reg's login kept timing out so IT reset it", "x", FLAG (PROFESSIONALISM));
  assert_rule ("claimed mileage for home visits I never did, easy money", "whatsapp",
               "professionalism.false-claim");
  assert_not ("the locum claimed for shifts he never worked, reported to the agency", "x",
              FLAG (PROFESSIONALISM));
  assert_rule ("drove home after 4 pints, only 2 miles lol", "x", "professionalism.drink-driving");
  assert_rule ("had 3 glasses of wine then drove the kids to school, was fine", "facebook",
               "professionalism.drink-driving");
  assert_not ("never drive after even one pint, saw too many RTCs", "x", FLAG (PROFESSIONALISM));
  /* A patient named by what the writer had done for them ("a guy I'd treated"); a company's
   * hospitality followed by its product prescribed. */
  assert_flags ("hooked up with a guy I'd treated in A&E last year, small world", "x",
                FLAG (BOUNDARIES));
  assert_rule ("the pharma rep took us all to a steakhouse, so obviously I'm prescribing their "
               "inhaler now lol", "x", "conflict-of-interest.gift-then-praise");
  assert_not ("the rep took us out for lunch to talk about the new guidelines, declared on the "
              "register", "x", FLAG (CONFLICT_OF_INTEREST));
  /* Sick leave faked for a day out or other paid work; real illness, a fit note, or staying
   * off so as not to infect anyone is not. */
  assert_rule ("pulled a sickie friday for the stag do, rota coordinator none the wiser",
               "whatsapp", "professionalism.sickness-faked");
  assert_rule ("off sick from the trust this week but doing extra shifts at the private hospital "
               "shh", "whatsapp", "professionalism.sickness-faked");
  assert_not ("off sick with D&V, not coming in to infect everyone 😷 can someone cover my list?",
              "whatsapp", FLAG (PROFESSIONALISM));
  assert_not ("signed off sick with burnout, going to the beach with the kids to recover 🌞",
              "facebook", FLAG (PROFESSIONALISM));
  /* Referrals that pay the referrer; a fee turned down, and gratitude for care, are not. */
  assert_rule ("refer all my knees to the Spire, they pay commission on each one lol", "x",
               "conflict-of-interest.referral-rewarded");
  assert_not ("we never take a fee per referral, it's against the rules", "x",
              FLAG (CONFLICT_OF_INTEREST));
  assert_not ("the hospice looked after me so well when mum was dying, I refer everyone there now",
              "facebook", FLAG (CONFLICT_OF_INTEREST));
  /* A made-up name after "Dr" ("Dr Truth here"); the same persona that then gives its real
   * name, and a TV doctor, are not. */
  assert_rule ("Dr Truth here, been an NHS doctor 20 yrs, the jab is poison", "facebook",
               "anonymity.made-up-doctor-name");
  assert_not ("Dr Honest here again with your weekly myth-busting, I'm Dr Sam Jones, GP", "x",
              FLAG (ANONYMITY));
  assert_not ("watching Doctor Who again with the kids", "x", FLAG (ANONYMITY));
  /* An unnamed insider speaking about a health service; a news report quoting one is not. */
  assert_rule ("Insider here 👀 the new CEO is about to shut the maternity unit", "x",
               "anonymity.anonymous-insider");
  assert_not ("an NHS insider told the BBC that the figures were revised", "x", FLAG (ANONYMITY));
  /* A persona that narrates itself in the third person, in the past tense too (issue 18's
   * example); a colleague named twice by someone speaking as themself is not one. */
  assert_rule ("Dr Scalpel did the on-call handover tonight and Dr Scalpel is knackered", "x",
               "anonymity.persona-speaks-of-itself");
  assert_not ("Dr Patel was brilliant with my mum today. Dr Patel is retiring next month and "
              "we'll all miss her", "facebook", FLAG (ANONYMITY));
  /* A grade claimed for convenience or on publicity; paperwork skipped because nobody looks;
   * a treatment called a placebo. */
  assert_flags ("introduced myself as the registrar to the angry son, simpler than explaining FY2 "
                "lol", "x", FLAG (PROFESSIONALISM));
  assert_flags ("added 'consultant dermatologist' to my clinic flyers, nobody checks the register "
                "anyway 😉", "instagram", FLAG (PROFESSIONALISM));
  assert_flags ("skip the discharge summaries if you're slammed, nobody clocks it anyway", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("statins are expensive placebos, I've stopped mine and told my patients the same",
                "x", FLAG (PROFESSIONALISM));
  /* Harm wished on patients, a group by where they are from, told to learn the language. */
  assert_flags ("folk who call an ambulance for a hangnail deserve the wait tbh, let em rot", "x",
                FLAG (RESPECT));
  assert_flags ("the grockles clog up minors every August with sunburn, every single time", "x",
                FLAG (RESPECT));
  assert_flags ("the Poles in this town treat A&E like a GP. learn the language ffs", "x",
                FLAG (RESPECT));
  /* A player named by team and position, treated; a patient who is the only one of a kind. */
  assert_flags ("scoped the Saints captain's shoulder this morning, top bloke", "x",
                FLAG (CONFIDENTIALITY));
  assert_flags ("only one 80 year old on the estate with a pacemaker like hers, saw her again in "
                "clinic", "facebook", FLAG (CONFIDENTIALITY));
  /* Interests let slip: a referral that pays, the maker's reps looking after you. */
  assert_flags ("best physio in Leeds is Kirkstall Spine, tell them Dr Amy sent you for a discount 😉",
                "instagram", FLAG (CONFLICT_OF_INTEREST));
  assert_flags ("the Zenith lift chairs are the best on the ward, and their reps look after me very "
                "well 😉", "x", FLAG (CONFLICT_OF_INTEREST));
  /* A child's class and drop-off, a changing-room code. */
  assert_flags ("mine's in Year 4, Mrs Patel's class, I do drop off at 8.40 by the side gate if "
                "anyone wants to say hi", "facebook", FLAG (PRIVACY));
  assert_flags ("changing room code's now 7719# for anyone on tonight", "whatsapp", FLAG (PRIVACY));
  /* A remedy said to replace a medicine. */
  assert_flags ("turmeric shots every morning and you won't need your ibuprofen, trust me", "x",
                FLAG (PROFESSIONALISM));
  /* A prescription offered by message. */
  assert_flags ("DM me for a script, no need to come in 💊", "instagram", FLAG (PRESCRIBING));
  /* A senior title put on a profile "since I'm basically doing the job"; patients blamed and
   * care given up; sign-off skipped because rules are for others. */
  assert_flags ("updated my bio to 'Consultant Dermatologist' since I'm basically doing the job as "
                "an ST5 😂", "linkedin", FLAG (PROFESSIONALISM));
  assert_flags ("Half the people in my clinic want everything for free and then complain. I've "
                "stopped pretending to care.", "x", FLAG (PROFESSIONALISM));
  assert_flags ("been cannulating and doing my own bloods gases without sign-off for months, rules "
                "are for the cautious lol", "forum", FLAG (PROFESSIONALISM));
  /* Sponsored content with no "Ad" label; insecurity about hair sold to. */
  assert_flags ("Huge thanks to @FlexiScrubs for sponsoring this post! comfiest scrubs I've owned 💙",
                "instagram", FLAG (ADVERTISING));
  assert_flags ("dont be the bald guy at your sister's wedding 😬 hair transplant consults free this "
                "week, link in bio", "tiktok", FLAG (ADVERTISING));
  /* Patients mimicked for laughs, called vegetables; a colleague called a fossil. */
  assert_flags ("doing impressions of the old boys on my ward round pt 2 😂 (video)", "tiktok",
                FLAG (RESPECT));
  assert_flags ("nursing home visit today, the usual ward of cabbages in the lounge", "x",
                FLAG (RESPECT));
  assert_flags ("our ortho consultant is a walking fossil, someone retire this man 🦕", "x",
                FLAG (RESPECT));
  /* Medicines taken from work for people you know; "doctor" claimed because it saves
   * explaining; a drink before family meetings; a cure claimed and a cover-up. */
  assert_flags ("slipped my brother a few co-codamol from the ward cupboard for his back 🤫", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("always introduce myself as 'doctor' on the ward, PA is basically the same thing",
                "x", FLAG (PROFESSIONALISM));
  assert_flags ("large glass of red before the evening family meetings, takes the edge off", "x",
                FLAG (PROFESSIONALISM));
  assert_flags ("cannabis oil shrinks tumours and the evidence is being buried, trust me", "x",
                FLAG (PROFESSIONALISM));
  /* Money put into the clinic praised; a relative's number kept for more than updates. */
  assert_flags ("Bright Smile Dental in Hove is the best in Sussex, go see them 🙌 (I may have put a "
                "few quid in 🤫)", "instagram", FLAG (CONFLICT_OF_INTEREST));
  assert_flags ("a patient's son left his phone number with the nurses for me 😏 might give him a "
                "ring tbh", "x", FLAG (BOUNDARIES));
  /* Wrongdoing alleged of a chemist or a dentist identified by where they work. */
  assert_flags ("the chemist on Mill Road has been selling out-of-date pills for months, everyone "
                "knows", "facebook", FLAG (DEFAMATION));
  assert_flags ("that dentist in Ashby pulls healthy teeth to bump up his claims", "x",
                FLAG (DEFAMATION));
  /* A group of patients ranked the dumbest. */
  assert_flags ("the stag party lot from last night are the dumbest people I've ever stitched", "x",
                FLAG (RESPECT));
  /* Writing as a lay person while recommending care or making a health claim. */
  assert_flags ("honestly just a normal mum here but the baby clinic on Fore St is the best, book "
                "them!!", "facebook", FLAG (ANONYMITY));
  assert_flags ("no medical background whatsoever, but that detox tea sorted my thyroid, trust me",
                "instagram", FLAG (ANONYMITY));
  /* Writing your own prescription, whatever the medicine. */
  assert_flags ("been writing my own omeprazole for years, nobody checks", "x",
                FLAG (PRESCRIBING));
  /* A medicine arranged for someone close, by name. */
  assert_flags ("our kid's chest is bad again so I've sent him a doxycycline script", "whatsapp",
                FLAG (PRESCRIBING));
  /* A personal discount code is an advert, which must say so (CAP 2.1). */
  assert_flags ("obsessed with these compression socks from @LegUp, code NIGHTDOC gets you a "
                "discount", "instagram", FLAG (ADVERTISING));
  /* Conspiracy talk stated as fact. */
  assert_flags ("the smart meters are a mind control programme, trust me I'm a GP", "facebook",
                FLAG (PROFESSIONALISM));
  /* A group blamed as a burden, with a call to shut it out. */
  assert_flags ("immigrants are spreading disease round our wards, shut the borders", "x",
                FLAG (RESPECT));
  /* Someone you treated, named by what you did for them, met socially. */
  assert_flags ("lunch with the woman whose hip we replaced in March, she's a scream", "facebook",
                FLAG (BOUNDARIES));
  assert_flags ("brunch with a couple I cared for on the stroke unit last year, still in touch",
                "instagram", FLAG (BOUNDARIES));
  /* A first name beside their medicine or their care; a titled name after an operation. */
  assert_flags ("popped round to drop off Brenda's insulin, her daughter's away till Friday",
                "facebook", FLAG (CONFIDENTIALITY));
  assert_flags ("great to see Mr Tregaskis walking the dog after his knee op, looking ten years "
                "younger", "facebook", FLAG (CONFIDENTIALITY));
  assert_flags ("Eileen is our oldest patient and still does the crossword in pen", "x",
                FLAG (CONFIDENTIALITY));
  /* Lying, faking or theft alleged of someone identifiable, as fact. */
  assert_flags ("word at the rugby club is that Gareth Price helped himself to the kitty again",
                "facebook", FLAG (DEFAMATION));
  assert_flags ("Mr Pugh lied through his teeth at the practice meeting", "x", FLAG (DEFAMATION));
  /* A student's bio line with "Dr"; your own prescription; cider brands before a night shift. */
  assert_flags ("Dr Liam Byrne | 3rd Year Medical Student | Bristol", "linkedin",
                FLAG (PROFESSIONALISM));
  assert_flags ("printed meself a bit of zopiclone last night, no regrets", "x",
                FLAG (PRESCRIBING));
  assert_flags ("four Carlings before my night shift, absolutely flying on the ward", "x",
                FLAG (PROFESSIONALISM));
  /* A nationality blamed as a burden; patients as pigs by emoji; a patient called a "Karen". */
  assert_flags ("that Polish lot on the estate are clogging up A&E again, typical", "facebook",
                FLAG (RESPECT));
  assert_flags ("diabetic clinic this morning, couldn't fit the scales under half of them 🐷", "x",
                FLAG (RESPECT));
  assert_flags ("POV: the Karen who brings her own printouts to every appointment 🙄", "tiktok",
                FLAG (RESPECT));
  /* "Dr Name here" from a student or a PA, full stop or not. */
  assert_flags ("Dr. Tom here 👋 (2nd yr med) taking your questions in the comments tonight",
                "tiktok", FLAG (PROFESSIONALISM));
  assert_flags ("qualified as a PA last month and Dr Amira reporting for duty on AMU 🩺",
                "instagram", FLAG (PROFESSIONALISM));
  /* Posting as a "patient" in scare quotes. */
  assert_flags ("left three glowing reviews for the practice as a 'patient' on Google lol",
                "facebook", FLAG (ANONYMITY));
  /* A handle said not to be your real name. Since session 16 the anonymity model (cutoff and
   * confirm chosen by cross-validation) finds the rest of this draft unlike posts flagged for
   * hiding, so the finding is shown as a suggestion: making the rule firm instead broke nine
   * clean read posts and fixed none. */
  assert_rule_lowered ("SurgeonSays: not my actual name, but I've operated in the NHS for 20 years "
                       "and this waiting list is a scandal", "x", "anonymity.hidden-identity");
  /* A swear word used as a name wherever it stands, not only after "you" or "that". */
  assert_rule ("linesman missed it again, blind tw@t 😤", "x", "respect.name-calling");
  /* Someone called by their weight. */
  assert_rule ("some fat bloke at reception kicking off because his script wasn't ready",
               "facebook", "respect.size-as-insult");
  /* "Stop your …" with a medicine named, and a number of tablets as a dose. */
  assert_rule ("@Dave you can just stop your statins if your legs ache, no need to book in", "x",
               "prescribing.stop-or-start");
  assert_rule ("for a migraine just neck 2 sumatriptan in an hour, works every time", "x",
               "prescribing.dose-advice");
  /* A doctor introducing themself as a patient, a carer or another profession to praise a
   * practice or a clinic. */
  assert_rule ("Carer here 🙋 honestly Brookfield Surgery are the best practice in Leeds, go and "
               "register", "facebook", "anonymity.lay-persona");
  assert_rule ("Midwife of 15 years here and I'd trust Dr Patel's clinic with anyone", "x",
               "anonymity.lay-persona");
  /* A named product praised in other words than the usual ones, with no declaration. */
  assert_rule ("the SleepWell app has done more for my insomnia patients than any tablet ever did",
               "linkedin", "conflict-of-interest.endorsement-undeclared");
  assert_rule ("the team all wear GlideSole insoles now, best insoles on the market", "instagram",
               "conflict-of-interest.endorsement-undeclared");
  /* Prescribing for yourself, hyphenated as people write it. */
  assert_rule ("self-prescribed some naproxen for my back, couldn't face the GP queue", "x",
               "prescribing.self-prescribed");
  /* A photo or symptoms asked for by message or in the comments, to be assessed there. */
  assert_rule ("Hi Jan, sorry about the mole! Send me a photo on messenger and I'll take a look "
               "later x", "facebook", "boundaries.care-by-message");
  assert_rule ("pop ur symptoms in the comments below and I'll tell you whether it's GP or A&E",
               "tiktok", "boundaries.care-by-message");
  /* "Solidarity" signs off a union post; it does not condemn the insult in it. */
  assert_rule ("Strike Thursday, picket at 7. And whoever the absolute tw*t is who keeps nicking "
               "our mugs from the mess, grow up. Solidarity ✊", "facebook", "respect.name-calling");
  /* Ticked off without doing it, and medicine taken from an ambulance's bag. */
  assert_rule ("ngl I clicked through all the fire safety modules without reading a thing", "x",
               "professionalism.signed-unread");
  assert_rule ("Mum's migraine was awful so I took some sumatriptan from the ambo bag for her",
               "facebook", "professionalism.medicine-from-work-stock");
  /* Joining a group under a made-up name to answer health questions. */
  assert_rule ("Joined the Hartcliffe parents page as 'Janet' to answer the jab questions, works a "
               "treat", "facebook", "anonymity.false-persona");
  /* "My 11am" is a patient: with a role and a place, someone people can recognise. */
  assert_flags ("my 11am was the postmistress from the village, waterworks again", "facebook",
                FLAG (CONFIDENTIALITY));
  /* Neglect alleged of a named home, as fact. */
  assert_rule ("Maple Lodge nursing home are neglecting their residents, I've seen it with my own "
               "eyes", "facebook", "defamation.allegation-as-fact");
  /* A safety step skipped and told as a shortcut. */
  assert_rule ("skipped the swab count again today, running behind and it's all box-ticking anyway",
               "x", "professionalism.safety-step-skipped");
  /* A vaccine blamed for a rise in illness; 5G said to harm (not "5 g" of anything). */
  assert_rule ("the flu jabs are behind all these strokes we're seeing, mark my words", "facebook",
               "professionalism.vaccine-harm-claim");
  assert_rule ("honestly the 5G rollout is damaging everyone's sleep round here, you can feel it",
               "facebook", "professionalism.misleading-health-claim");
  /* A colleague's body remarked on, with a word between "has" and the body part. */
  assert_rule ("new reg has the perkiest b**bs on the unit ngl", "whatsapp", "respect.sexual-remark");
  /* A student putting "Dr" before their own name. */
  assert_flags ("Dr Hannah checking in from my 4th year placement in obs & gynae 👶", "instagram",
                FLAG (PROFESSIONALISM));
  /* Words seeded from the cuss list (build-aux/seed-swearing.py), not in the hand-written lists. */
  assert_flags ("that new reg is an absolute assclown, 3rd time hes lost the bloods", "whatsapp",
                FLAG (RESPECT));
  assert_flags ("locum on tonight = total fucktard. again.", "x", FLAG (RESPECT));
  assert_flags ("the lad in cubicle 2 is a right sh*tstain, spat at the nurse", "whatsapp",
                FLAG (RESPECT));
  /* Session 12, each written for the test in new words. */
  assert_rule ("went in with a temp of 38 and a stinking chest, nobody else to run clinic", "x",
               "professionalism.came-in-unwell");
  assert_flags ("febrile all night but still did the whole list, no cover anyway", "whatsapp",
                FLAG (PROFESSIONALISM));
  assert_rule ("faked my supervisor's signature on three DOPS, she never checks them anyway",
               "whatsapp", "professionalism.records-falsified");
  assert_rule ("just tick every box saying you completed the e-learning, takes 2 mins", "forum",
               "professionalism.records-falsified");
  assert_rule ("the IBS lot are all lazy attention seekers tbh", "x",
               "professionalism.contempt-for-a-diagnosis");
  assert_rule ("whoever's on nights is a total tw*t, shouted at me for bleeping", "whatsapp",
               "respect.name-calling");
  assert_rule ("honestly the new F2 is a right pr*ck", "x", "respect.name-calling");
  assert_rule ("clinic full of the massive ones again asking why their knees hurt", "x",
               "respect.size-as-insult");
  assert_rule ("the brand send us a crate every month and honestly these protein bars are elite",
               "instagram", "conflict-of-interest.gift-then-praise");
  assert_rule ("best CPD platform going, use my code DRJO22 for a month free", "linkedin",
               "conflict-of-interest.affiliate-code");   /* "free" is the saving */
  assert_rule ("only scrub brand worth buying tbh: https://shop.example/scrubs?aff=jo22", "x",
               "conflict-of-interest.referral-link");
  assert_rule ("saw a 9 year old lad from Skipton with Pompe disease in clinic this morning", "x",
               "confidentiality.rare-condition-identifies");
  /* Issue 18's example: a rare infection placed by a small community rather than a town. */
  assert_rule ("first diphtheria I have ever seen, from the caravan site up by the quarry",
               "whatsapp", "confidentiality.rare-condition-identifies");
  assert_not ("Reading about the diphtheria outbreaks of the 1920s: the harbour towns were hit "
              "worst", "x", FLAG (CONFIDENTIALITY));
  assert_rule ("you'll never guess who came in to resus tonight, my old maths teacher!", "whatsapp",
               "confidentiality.acquaintance-in-care");
  assert_rule ("our microbiology lecturer got sued over a dodgy lab, everyone knows", "x",
               "defamation.allegation-as-fact");
  assert_rule ("a patient from clinic asked me for a coffee, said yes obvs",
               "instagram", "boundaries.social-approach-to-patient");
  assert_rule ("Patients of Moor Lane surgery: out of hours I'm at 7 Ferndale Road, just knock",
               "facebook", "boundaries.home-offered-to-patients");
  assert_rule ("few sherbets with the gang then on call from 8, living dangerously", "x",
               "professionalism.drink-before-work");
  assert_rule ("proud to start as a cosmetic doctor at Glow Rooms today #physicianassociate", "linkedin",
               "professionalism.non-doctor-as-doctor");
  assert_rule ("I list myself as consultant on the agency form, pays better and nobody checks",
               "whatsapp", "professionalism.grade-claimed");
  assert_rule ("posting from my physio alt tonight so the thread thinks it's independent", "x",
               "anonymity.false-persona");
  assert_rule ("tweeting as \"Gail, 63, knee op survivor\" for a bit, patients trust patients", "x",
               "anonymity.false-persona");
  assert_rule ("had the nurses leave reviews as three different clients, clinic's at 5 stars", "facebook",
               "anonymity.false-persona");
  assert_rule ("new SHOs are soft as butter, every single one of them", "x",
               "respect.insult-aimed-at-someone");
  /* Session 13, each written for the test in new words. */
  assert_rule ("need a fit note for Monday's exam? dm me, I'll do you one", "instagram",
               "professionalism.sick-note-offered");
  assert_clean ("Lots of you ask for fit notes by message: I can't do that without an assessment, book an appointment please", "facebook");
  assert_rule ("we pinched a box of gloves and two trolleys from theatre for the house party", "whatsapp",
               "professionalism.taken-from-work");
  assert_clean ("someone nicked my charger from the ward again", "whatsapp");
  assert_rule ("in my day we practised intimate exams on sedated women before surgery", "facebook",
               "professionalism.practised-on-unconscious-patients");
  assert_clean ("we practised intubation on the manikin all morning, great sim day", "x");
  assert_clean ("teaching on unconscious bias in triage today", "linkedin");
  assert_rule ("skip calling the GP, they're a waste of space anyway, just ride it out", "facebook",
               "professionalism.care-discouraged");
  assert_clean ("a cold doesn't need the GP: rest, fluids, and ring 111 if you're getting worse", "facebook");
  assert_rule ("I'm officially a consultant as of today!! (well, technically still a reg for another year)", "linkedin",
               "professionalism.grade-inflated");
  assert_clean ("I'm officially a consultant as of today, 12 years of training done", "linkedin");
  assert_rule ("I signed the fit note without seeing him, who's gonna check", "whatsapp",
               "professionalism.getting-away-with-it");
  assert_rule ("psych placement done, now gyn: gonna be looking at fannies all week lol", "whatsapp",
               "respect.sexual-remark");
  assert_rule ("new post up on @glowskin_reviews (yes, that's secretly me) on why our clinic is best", "instagram",
               "anonymity.account-secretly-yours");
  assert_rule ("got 4 accounts on the forum and upvote my own answers about our clinic", "forum",
               "anonymity.account-secretly-yours");
  assert_rule ("I review the local care homes on the comparison site as a 'worried daughter' every month", "facebook",
               "anonymity.account-secretly-yours");
  assert_clean ("new team page is live, that's me on the left with the coffee", "linkedin");
  assert_clean ("it's me again, the GP who won't stop talking about sunscreen. reapply!", "instagram");
  assert_rule ("speaking purely as a mum here (deffo not a GP 😇) that clinic on the high street is the best", "facebook",
               "anonymity.denies-being-a-doctor");
  assert_rule ("incubator 3: baby boy born at 25 weeks to a 15 year old", "x",
               "confidentiality.ward-and-bed");
  assert_rule ("filming my ward round vlog, ignore the whiteboard behind me 🙈", "tiktok",
               "confidentiality.details-behind-you");
  assert_rule ("if you see a silver Qashqai on level 2 of the staff car park after 9pm, that's me napping", "x",
               "privacy.car-where-and-when");
  assert_clean ("selling my silver Qashqai, one owner, full service history, MOT till June", "facebook");
  assert_clean ("the red Corsa in the disabled bay again, honestly some people", "x");
  assert_clean ("night 2 of 3 done. the coffee machine is broken again", "x");
  assert_clean ("tramadol, codeine and gabapentin: what I'm asked about most in a day of GP", "mastodon");
  assert_clean ("head injuries this weekend: everyone gets checked by me first, no exceptions, not even the skipper", "whatsapp");
  assert_rule ("chest infection? amoxicillin 500mg, 3 a day for a week", "facebook", "prescribing.dose-advice");
  assert_rule ("men just aren't wired for midwifery, sorry not sorry", "x", "respect.group-said-unfit");
  assert_clean ("the old line that women lack the stamina for surgery is sexist nonsense", "x");
  assert_clean ("older patients aren't always fit for surgery, so we assess frailty first", "linkedin");
  assert_rule ("who needs some naproxen for the tournament? big tub in my bag", "whatsapp",
               "prescribing.handing-out-medicine");
  assert_rule ("invisalign fitting free with every consult, ends Sunday ⏳", "instagram",
               "advertising.sales-pressure");
  assert_rule ("the only baby monitor worth buying 👉 https://amzn.to/xyz?tag=docmum-21", "instagram",
               "conflict-of-interest.referral-link");
  assert_rule ("anyone who votes for that party needs their head examined, as a GP I'd call it a cognitive deficit", "x",
               "professionalism.politics-as-medical-fact");
  assert_rule ("another night of junkies faking seizures for a bed, most of them know exactly what they're doing", "x",
               "professionalism.contempt-for-a-diagnosis");
  assert_rule ("told the consultant it was fine, never actually looked at the ECG lol", "whatsapp",
               "professionalism.checks-not-done");
  assert_rule ("discharged him from majors, didn't bother writing the notes, bish bash bosh", "whatsapp",
               "professionalism.checks-not-done");
  assert_clean ("didn't check the gas before extubating once. nearly missed a K of 6.8. always check.", "x");
  /* Either lay-persona or testimonial-voice may carry it (the earlier-sorting id wins). */
  assert_flags ("As a mum of three I honestly can't fault Dr Okafor, best GP in Leeds, book with her!", "facebook",
                FLAG (ANONYMITY));
  assert_rule ("Guest post by Sophie: the clinic team were amazing from the first scan, 5 stars", "blog",
               "anonymity.testimonial-voice");
  assert_clean ("As a patient myself last year I saw how much a kind word from Dr Shah mattered. I'm a GP too, and it changed how I consult.", "x");
  assert_rule ("our new F1 thinks he's a consultant already, someone hand him the tea rota", "whatsapp",
               "respect.mockery");
  assert_rule ("popped round to one of my patients' houses on sunday with a cake, she's on her own now", "facebook",
               "boundaries.social-visit-to-patient");
  assert_clean ("home visits all afternoon, three palliative patients across the valley", "x");
  assert_rule ("mum's chest is bad again so I posted her the rest of my amoxicillin", "whatsapp",
               "prescribing.handing-out-medicine");
  assert_rule ("added half my clinic patients on facebook, they're lovely", "facebook",
               "boundaries.social-approach-to-patient");
  assert_rule ("new F1s! drop your home address and rota in the group chat so we can organise lifts", "whatsapp",
               "privacy.oversharing-urged");
  assert_clean ("please send your rota swaps to me privately, not in the group", "whatsapp");
  assert_rule ("off to Tenerife tomorrow for a fortnight so the flat'll be empty, wish me sun", "facebook",
               "privacy.away-from-home");
  assert_rule ("Maureen from the post office is home from hospital, go easy on her this week", "facebook",
               "confidentiality.first-name-in-care");
  assert_rule ("not gonna lie i was still well drunk for my 9am surgery", "whatsapp",
               "professionalism.still-under-the-influence");
  assert_rule ("the best scrubs around are from my sister's little brand, link below 💙", "instagram",
               "conflict-of-interest.interest-hinted");
  assert_rule ("word is the locum at the Castle Street surgery is selling pills to the estate kids", "facebook",
               "defamation.allegation-as-fact");
  assert_rule ("half the new F1s shouldn't be let anywhere near a cannula, never mind patients", "x",
               "respect.incompetence-jibe");
  /* A misspelt word is read as the word meant (sg-respell.c). */
  assert_flags ("honestly the collegue on nights is a useless idiot", "whatsapp", FLAG (RESPECT));
  assert_rule ("that consultent nearly killed someone yesterday, avoid him", "x",
               "defamation.allegation-as-fact");
  assert_rule ("night shift selfie 🤳 don't mind the obs screen over my shoulder", "instagram",
               "confidentiality.details-behind-you");
  assert_rule ("bay C bed 2, 31 stone and still asking for extra toast lol", "whatsapp",
               "confidentiality.ward-and-bed");
  assert_rule ("changed my headline to consultant cardiologist, CCT's basically a formality", "linkedin",
               "professionalism.grade-claimed");
  assert_rule ("quick sneaky vape in the anaesthetic room between cases", "x",
               "professionalism.smoking-in-clinical-areas");
  assert_flags ("covid positive but the rota is tight so going in, masked", "x",
                FLAG (PROFESSIONALISM));
  /* Session 15. Outrage in another sentence ("Shameful.") is aimed at the target, not at the
   * insult, so it no longer voids a respect finding; in the same sentence it still does. */
  assert_flags ("that two-faced b*stard Gavin Hollis on the board signed off the cuts. Shameful.",
                "x", FLAG (RESPECT));
  assert_flags ("me: you need the antibiotics. him: you're wrong. honestly people like that "
                "should not be allowed to reproduce", "whatsapp", FLAG (RESPECT));
  assert_not ("calling anyone a 'b*stard' on a public forum is shameful", "x", FLAG (RESPECT));
  /* A lay persona: a parent's self-description, dialect, a client's sign-off. */
  assert_flags ("jist a patient but the new GP at Cross Street is the best in town", "facebook",
                FLAG (ANONYMITY));
  assert_flags ("Dr Imran's clinic gave me my confidence back, the best in Bradford \u2013 from a "
                "grateful client", "instagram", FLAG (ANONYMITY));
  assert_not ("a dad of three came in with chest pain and was home by teatime", "x",
              FLAG (ANONYMITY));
  /* Smoking or vaping where patients are, working while admittedly unfit, exam answers passed
   * around (session 15); the health-topic and revision senses stay clean. */
  assert_rule ("cheeky vape in the drug room between bleeps, shhh", "whatsapp",
               "professionalism.smoking-in-clinical-areas");
  assert_not ("ran the stop smoking clinic on the ward today, three quit dates set", "x",
              FLAG (PROFESSIONALISM));
  assert_flags ("honestly shouldn't be prescribing today, head's all over the place, but there's "
                "nobody to cover", "x", FLAG (PROFESSIONALISM));
  assert_not ("I really shouldn't be working 13 hour shifts back to back, the rota's broken", "x",
              FLAG (PROFESSIONALISM));
  assert_rule ("got the real PSA paper from a mate who sat it monday, £20 a copy, dm", "forum",
               "professionalism.exam-material-shared");
  assert_clean ("the practice papers and official mark schemes are on the revision page, good luck",
                "forum");
  /* An exam named in passing is not a teaching vignette (session 15). */
  assert_flags ("from MRCP revision group: the new reg's bum in those scrubs tho 🍑", "whatsapp",
                FLAG (RESPECT));
  assert_clean ("OSCE station 4: a 58-year-old man presents with chest pain. Take a history.",
                "x");
  /* Choosing a medicine for someone unseen; a child's nursery and pick-up; an appeal to
   * looking old (session 15). */
  assert_rule ("cousin's wee one has a rash, they sent a photo so I told them which cream to get "
               "from the chemist", "whatsapp", "prescribing.medicine-chosen-unseen");
  assert_not ("the pharmacist will tell you which cream to use, they're brilliant", "facebook",
              FLAG (PRESCRIBING));
  assert_not ("I can't tell you which antibiotic to take over Facebook, please ring the surgery",
              "facebook", FLAG (PRESCRIBING));
  assert_rule ("her nursery is Little Acorns by the park, I pick her up at 5 every weekday", "x",
               "privacy.childs-school");
  assert_flags ("Tired of looking tired? Our thread lift knocks years off, book a consultation",
                "instagram", FLAG (ADVERTISING));
  /* Clean: drinking once the shift is over, an insult the writer tells others to stop using,
   * a deck that is a ship's, a request refused (session 15). */
  assert_not ("pints in the sun after nights, see you all in a week", "x", FLAG (PROFESSIONALISM));
  assert_not ("team chat: stop calling the new bed manager useless, she's drowning too", "whatsapp",
              FLAG (RESPECT));
  assert_not ("cruise doc life: on deck by 7 with the defib bag, then clinic till noon", "instagram",
              FLAG (PROFESSIONALISM));
  assert_flags ("one more snide comment from that reg and I'll deck him, swear down", "whatsapp",
                FLAG (PROFESSIONALISM));
  /* A title taken, a role put on and admitted, a colleague called a box-ticking appointment
   * (session 15). */
  assert_flags ("started calling myself Dr on TikTok, I'm a PA but it's the same job really", "tiktok",
                FLAG (PROFESSIONALISM));
  assert_not ("Dr Ruth Ade, I'm the new doctor at Hill Lane surgery, pop in and say hi", "facebook",
              FLAG (PROFESSIONALISM));
  assert_flags ("as a health coach (actually a GP, but coaches get more likes) here's my detox plan",
                "instagram", FLAG (ANONYMITY));
  assert_not ("As a nurse for ten years before medicine I get more from these chats than most", "x",
              FLAG (ANONYMITY));
  assert_flags ("everyone knows the new reg was a diversity hire, watch her try to cannulate", "whatsapp",
                FLAG (RESPECT));
  assert_not ("got the job!! ticked every box on the person spec, so proud", "linkedin",
              FLAG (RESPECT));
  /* Anonymity yields to a post that gives its writer's name, gives no health advice, or asks
   * whether something is allowed; "can't say this under my own name" still counts (session 15). */
  assert_not ("I run an anonymous account for exam memes and rota moans, no health advice ever",
              "forum", FLAG (ANONYMITY));
  assert_not ("throwaway because I'm a registrar. any advice on telling my supervisor I'm not coping?",
              "forum", FLAG (ANONYMITY));
  assert_not ("is it ok to have an anonymous account if I only post about running?", "forum",
              FLAG (ANONYMITY));
  assert_flags ("anon GP here, can't say this under my real name: the flu jab does more harm than good",
                "x", FLAG (ANONYMITY));
  /* Asking whether a title is allowed is not claiming it; an insult word said of a thing is
   * not aimed at anyone (session 15). */
  assert_not ("second year medic here, is it ok to put Dr in my bio once I've graduated?", "forum",
              FLAG (PROFESSIONALISM));
  assert_not ("icy out there, please wear the stupid grippy things on your boots", "facebook",
              FLAG (RESPECT));
  /* ... but a thing a few words on is where they are, not what is insulted. */
  assert_flags ("same old junkies in the car park again tonight", "x", FLAG (RESPECT));
  /* A put-down of a group quoted as a myth, and "no faces" said of patients, are clean. */
  /* The respect model (word pairs, session 16) reads an insult, a generalisation and "GPs" as a
   * put-down of GPs (0.88; cutoff 0.85): a finding of its own, the cost of a cutoff chosen by
   * cross-validation; the rules stay clean. */
  assert_not_by_rules ("'GPs are all lazy' is a tired myth; my practice opens at 7.30 every day", "x",
                       FLAG (RESPECT));
  assert_not ("leaving do tonight, photos later (no faces of patients, promise)", "instagram",
              FLAG (ANONYMITY));
  /* A colleague named with her title, a hospice named after someone: not patients. A
   * patient named after "the nurse told" still is (session 15). */
  assert_not ("Staff Nurse Amy Patel spotted the sepsis in triage tonight, what a hero", "x",
              FLAG (CONFIDENTIALITY));
  assert_not ("we ran the 10K for Daisy House Hospice today, thank you for every pound", "facebook",
              FLAG (CONFIDENTIALITY));
  assert_flags ("the nurse told Mrs Jones in bed 4 her scan was clear", "x",
                FLAG (CONFIDENTIALITY));
  /* A treat "prescribed" to oneself, a relative's request turned down, a system rant ending
   * "draw your own conclusions": none is prescribing or misinformation (session 15). */
  assert_not ("lost 4-0 at home, prescribing myself a takeaway and an early bed", "x",
              FLAG (PRESCRIBING));
  assert_flags ("prescribed myself some zopiclone so I could sleep after nights", "x",
                FLAG (PRESCRIBING));
  assert_not ("my dad asked me to sort him some antibiotics for his cough, I said no, ring the GP",
              "facebook", FLAG (PRESCRIBING));
  assert_not ("rota coordinators have tripled since 2015, consultants haven't. draw your own "
              "conclusions", "x", FLAG (PROFESSIONALISM));
  /* Thanks and a housing shortage are not put-downs (session 15). */
  assert_not ("thank the night team for me, you lot are brilliant", "whatsapp", FLAG (RESPECT));
  assert_not ("our new locum couldn't find anywhere to rent within 20 miles, housing is the "
              "real problem", "x", FLAG (RESPECT));
  /* Quotation marks round a title do not hide it. */
  assert_flags ("F1 life: introduced myself as 'the registrar' so the family would stop asking "
                "for one", "x", FLAG (PROFESSIONALISM));
}

static void
test_real_register_clean (void)
{
  assert_clean ("Breast clinic was rammed today but the team were brilliant", "x");
  /* Session 12: hard negatives in new words. */
  assert_clean ("Dr Shah is covering my list, if it's urgent message him via switchboard",
                "whatsapp");
  assert_clean ("doing a live Q&A tonight, send your anonymous questions in through the form", "instagram");
  assert_clean ("out tonight after the last exam, three pints and bed, no shifts till Thursday", "x");
  assert_clean ("a post saying ginger shots cure diabetes is doing the rounds. They don't. Ask your "
                "GP before changing anything", "facebook");
  assert_clean ("'junkie' is a slur. stop using it about people who use drugs", "mastodon");
  assert_clean ("A parent asked to add me on Instagram after clinic; I said no, kindly", "forum");
  assert_clean ("PATIENTS: IF YOU ARE WAITING OVER 4 HOURS PLEASE TELL US", "facebook");
  assert_clean ("Rare Disease Day: Pompe disease affects about 1 in 40,000 people. Our research team "
                "is recruiting", "linkedin");
  assert_clean ("Anonymous staff surveys matter to every doctor here: ours closes Friday", "linkedin");
  assert_clean ("We quit posting before/after pictures two years ago and nobody missed them", "instagram");
  assert_clean ("I post as @TheNightReg, but my full name and GMC number are in my bio, and I give "
                "health advice", "x");
  assert_clean ("Corridor care again: 38 patients on trolleys last night. As an A&E doctor I've "
                "written to my MP", "bluesky");
  assert_clean ("SonoLearn is my pick for echo CPD (declaring I get a referral fee, so do compare)",
                "bluesky");
  assert_clean ("Team photo in the doctors' office, the whiteboard behind us is just the rota",
                "facebook");
  assert_clean ("Head lice are parasites, not a sign of dirt: no need to keep children off school",
                "facebook");
  assert_clean ("Muslims all over the county are fasting this month: a reminder about insulin doses",
                "forum");
  assert_clean ("Dr Okafor - what a brilliant teacher, best placement of my degree", "x");
  /* The professionalism model (word pairs, L2 1e-2, session 16) reads "future", "reporting
   * from" and a first name after "Dr" as a student claiming the title (0.82; cutoff 0.8): a
   * finding of its own, the cost of a cutoff chosen by cross-validation; the rules stay clean. */
  assert_not_by_rules ("Future Dr Hannah reporting from placement, 4th year starts now", "instagram",
                       0);
  assert_clean ("Revision tip for finals: do your own question bank rather than rereading notes",
                "x");
  assert_clean ("#DoYourOwnResearch is how measles came back here. Check your child's MMR in the "
                "red book.", "x");
  assert_clean ("Going for a curry with the ward team tonight, we've earned it", "x");
  /* The boundaries model reads "your bloods" to a group as advice to one person. */
  assert_clean_by_rules ("Hi all, start the week with a walk at lunch: your bloods and your head "
                         "will thank you", "facebook");
  assert_clean ("Auntie saw your message about her tablets: take the list to your GP and ask for a "
                "medication review", "whatsapp");
  /* The professionalism model (session 16) reads "before clinic", "can of" and "coke" as drink
   * or drugs before work (0.95; cutoff 0.8); the rules know a can of coke is a soft drink. */
  assert_not_by_rules ("Grabbed a bottle of water and a can of coke before clinic, living the dream",
                       "x", 0);
  assert_clean ("Patient on midazolam from the ward needs a review before going home", "forum");
  /* The professionalism model (session 18) reads "signing my … Dr from now on" as taking a
   * title one has not earned (0.83; cutoff 0.6): the read sets have a PA and a student doing
   * just that, and a PhD holder signing clinic letters "Dr" so patients think her a doctor.
   * That a PhD entitles her to it is a fact no word weighs; the rules stay clean. */
  assert_not_by_rules ("Signing my letters Dr from now on: the PhD is finally done 🎓", "linkedin", 0);
  assert_clean ("Photo of the whole theatre team after the list, what a day", "instagram");
  assert_clean ("Quick video consults over WhatsApp are not secure enough for clinical photos, use "
                "the practice system", "forum");
  assert_clean ("Bumped into my old reg in town, still going strong at 70 bless him ❤️", "facebook");
  assert_clean ("A former colleague, Sheila, kindly sent me her slides from the regional meeting",
                "linkedin");
  assert_clean ("We changed the incident reporting form at Westgate to make it quicker to fill in",
                "linkedin");
  /* The anonymity model (session 16) reads "made a", "second account" and "account" as a
   * second identity (0.60; cutoff 0.5); the rules see it is the dog's. */
  assert_not_by_rules ("Made a second account for the dog's pics 🐶 follow her for walkies content",
                       "instagram", 0);
  assert_clean ("Two minutes of plank every morning before work, day 30 and my back is thanking me", "x");
  /* The respect model reads "hot", "🥵", "jugs" and "nurses" as a remark on a colleague's body. */
  assert_clean_by_rules ("So hot on the ward today 🥵 aircon broken again, jugs of water at the "
                         "nurses' station", "x");
  assert_clean ("The new malaria vaccine has not been tested in under-5s yet, so trials start next year",
                "x");
  assert_clean ("Out of hours? Ring 111 or the practice on 01632 960123 and press 2", "facebook");
  /* The defamation model reads a named doctor and "scam" as an allegation. */
  assert_not_by_rules ("Dr Patel says HRT is a scam, and honestly I agree lol", "x",
                       FLAG (DEFAMATION));
  assert_clean ("I introduce myself by name and role and wear the lanyard: it saves confusion on the unit",
                "forum");
  assert_not ("the new PA on our ward reckons she's basically a doctor lol", "whatsapp",
              FLAG (PROFESSIONALISM));
  /* The prescribing model reads a relative's medicine as prescribing for family. */
  assert_not_by_rules ("popped two of my mum's diazepam before the interview, worked a treat",
                       "whatsapp", FLAG (PRESCRIBING));
  assert_clean ("If you're given antibiotics, take them as your prescriber directed and don't save "
                "leftovers", "facebook");
  assert_clean ("Anonymous accounts selling supplements wind me up. I'm Dr Tom Hale, a GP in Hull, "
                "and I post under my own name.", "x");
  assert_clean ("Our new ICB thinks a poster fixes three-week waits. Truly visionary, these people.",
                "x");
  assert_not ("Started a TikTok for A&E explainers: chest pain, sepsis, when to call 999", "tiktok",
              FLAG (CONFIDENTIALITY));
  assert_not ("#ad new scrubs from @scrubco: pockets 10/10, fit 7/10, colour a bit hospital curtain",
              "instagram", FLAG (DEFAMATION));
  /* Words whose stems meet a listed one (elective/election, useful/use, first aid/AIDS). */
  assert_clean ("Elective list cancelled again, third time this month. Really useful debrief after, "
                "and first aid refresher for the HCAs on Friday", "x");
  assert_clean ("We won't stop treating them, whatever they said to the nurses last night", "forum");
  assert_not ("the coffee machine on AMU died at 3am. rest in peace you useless bastard", "x",
              FLAG (PROFESSIONALISM));
  assert_not ("spent my lunch arguing with anti-vaxxers about 5g masts again, why do I bother",
              "x", FLAG (PROFESSIONALISM));
  assert_clean ("An old patient found me on here and sent a kind message. I didn't reply: it's a "
                "boundary that keeps their care safe. But thank you.", "facebook");
  assert_clean ("Checked her bloods on the ward round: all improving, home tomorrow", "forum");
  /* Capitals after an article are a thing or a place, not someone's initials. */
  assert_not ("stuck in resus on a PC that takes 20 min to boot, IT pls", "x",
              FLAG (CONFIDENTIALITY));
  assert_not ("nights in resus at the QE all week, bring snacks", "x", FLAG (CONFIDENTIALITY));
  /* Turning remote assessment down is not a social approach to a patient. */
  assert_not ("PSA: I get DMs daily asking me to look at moles. I cant assess you through insta, "
              "please book your GP 💛", "instagram", FLAG (BOUNDARIES));
  /* Thanking a group, even with a rude word in it, is not running it down. */
  assert_not ("shout out to the paeds nurses who saved my arse on nights when I couldn't get a "
              "line in. legends", "x", FLAG (RESPECT));
  /* Patients buying medicines online is a topic, not an offer of care by message. */
  assert_not ("anyone else getting pts with rashes from creams they bought online? thoughts",
              "forum", FLAG (BOUNDARIES));
  /* "pretty sure" is not a compliment, "knows all about it" is not calling someone a know-all. */
  assert_not ("pt from clinic yesterday sent a card, pretty sure it's the first thank you I've had "
              "all year", "x", FLAG (BOUNDARIES));
  assert_not ("the whole unit knows all about his divorce already, the poor sod", "x",
              FLAG (RESPECT));
  /* A nationality before a thing ("a Canadian one", "an American textbook") is not a group of
   * people: the allegation is defamation, not respect. */
  assert_not ("our pharmacology lecturer nicked half his slides off a Canadian one and passed them "
              "off as his own lol", "x", FLAG (RESPECT));
  /* A pet name said warmly is not talking down. */
  assert_not ("lovely pt in clinic brought us biscuits, thanks love x", "x", FLAG (RESPECT));
  /* Abuse received, reported: the words are the patient's, not the writer's. */
  assert_not ("a bloke in majors calls you a f***ing b!tch and you still suture his hand. love "
              "this job", "x", FLAG (RESPECT));
  /* Not hearing over the alarms is about the room, not the person. The respect model (word
   * pairs one apart, session 17) reads "couldn't … a" and "the reg" as a put-down of a
   * colleague ("couldn't organise a …"; 0.61, cutoff 0.6): a finding of its own, the cost of a
   * cutoff chosen by cross-validation; the rules stay clean. */
  assert_not_by_rules ("couldn't hear a word the reg said over the alarms in resus", "x",
                       FLAG (RESPECT));
  /* Sexual-health promotion, a warning about a scam caller, and declining to comment on a
   * scan in public are what the guidance asks for, not breaches. */
  assert_not ("free condoms and free STI testing this week, no judgement 🍆🍑 find your nearest "
              "clinic on the NHS website", "instagram", FLAG (RESPECT));
  assert_not ("someone is texting patients pretending to be from the practice asking for bank "
              "details. It's a scam, delete it", "facebook", FLAG (ANONYMITY));
  assert_not ("@sarahjane_x so sorry to hear that. it wouldn't be right for me to comment on her "
              "scan on here, please ask her team x", "x", FLAG (BOUNDARIES));
  /* "No names, no details" kept. */
  assert_not ("lovely card from a family today, no names, no details, it's going on the staff "
              "room wall", "mastodon", FLAG (CONFIDENTIALITY));
  /* Letting a baby cry, or making someone wait, is not wishing them harm. */
  assert_not ("12 wk old wont settle, HV says let them cry for 5 min then go back in", "facebook",
              FLAG (PROFESSIONALISM));
  /* The same topic given as a view, with no claim of certainty. */
  assert_not ("As a GP I think the boats debate is complicated and I don't have answers, but our "
              "practice list grew 8% this year", "x", FLAG (PROFESSIONALISM));
  assert_not ("our surgery has moved! we're now the red door next to the post office, same phone "
              "number", "facebook", FLAG (PRIVACY));
  /* A charity ride with a sponsor link; a street named after someone; a clinic's own code. */
  assert_not ("personal news: doing RideLondon for the British Heart Foundation 🚴 sponsor link "
              "below, every quid counts", "bluesky", FLAG (CONFLICT_OF_INTEREST));
  assert_not ("same café on Gabriel's Hill every morning before clinic, best flat white in Kent",
              "tiktok", FLAG (CONFIDENTIALITY));
  assert_not ("Swansea families have been brilliant with the new clinic, thank you", "facebook",
              FLAG (RESPECT));
  /* "A joke" said of the wifi, the rota or the security, not of the people named after it. */
  assert_not ("the wifi is a joke, nurses and doctors all agree", "x", FLAG (RESPECT));
  /* A put-down quoted in order to answer it. */
  assert_not ("Reminder that 'attention seeking' in a referral usually means 'attention needing'. "
              "Words follow patients for years.", "x", FLAG (RESPECT));
  /* An illness as a service, an honest introduction, someone else's pretence. */
  assert_not ("Flu and covid jab clinic Saturday, walk in from 9, on call GP also at the hall",
              "facebook", FLAG (PROFESSIONALISM));
  /* The professionalism model (word pairs, session 16) reads "told the", "on call" and "I was"
   * as a role claimed (0.99): a finding of its own, the cost of a cutoff chosen by cross-
   * validation; the rules stay clean. */
  assert_not_by_rules ("Told the family I was the registrar on call and that the consultant would see "
                       "them in the morning.", "x", FLAG (PROFESSIONALISM));
  assert_not ("Scammers posing as doctors are messaging patients, please report them 😅", "x",
              FLAG (PROFESSIONALISM));
  /* Saying you post under your own name is the opposite of hiding; "won't say who" is about a
   * person, not an interest. */
  assert_not ("comment as a doctor under my own name on the forums, always have", "forum",
              FLAG (ANONYMITY));
  assert_not ("scoped a county cricketer at the Nuffield this morning, lovely lad, won't say who "
              "😉", "x",
              FLAG (CONFLICT_OF_INTEREST));
  /* A grieving child's gift, a number passed on for a relative to ring back: not social. */
  assert_not ("little one on our ward died today and her mum gave me her teddy to keep", "x",
              FLAG (BOUNDARIES));
  /* A habit, not a group, is the reason; the fittest patients are a clinical observation. */
  assert_not ("Smoking is the reason so many of our patients end up in resus", "x", FLAG (RESPECT));
  assert_not ("Pain scores: the fittest patients recover fastest after knee replacement", "x",
              FLAG (RESPECT));
  /* An allegation or a slur in quotation marks, answered: said by others, not asserted. */
  assert_not ("to the folk commenting 'GPs are frauds' on every post: come and shadow me for a day",
              "x", FLAG (DEFAMATION));
  assert_not ("a man at the bus stop called people with bipolar 'total nutters' today. for the "
              "record, words matter", "x", FLAG (RESPECT));
  /* A clinic to come to needs no appointment: not care by message. */
  assert_not ("Covid booster clinic at the village hall Friday, no appointment needed if you have "
              "a long-term condition", "facebook", FLAG (BOUNDARIES));
  /* Advice that something is not needed, within the evidence. */
  assert_not ("Kids don't need antibiotics for most ear infections; they settle in three days.",
              "facebook", FLAG (PROFESSIONALISM));
  /* Patients as patients, and a practice's own account: no invented identity. */
  assert_not ("Patient reviews matter. We treat you as patients, not numbers, and read every one.",
              "facebook", FLAG (ANONYMITY));
  /* The anonymity model reads "new account" as a second identity. */
  assert_not_by_rules ("Our new practice account is @OakSurgery, follow for opening times and "
                       "flu clinics", "facebook", FLAG (ANONYMITY));
  /* An honest introduction by the person who holds the grade. */
  assert_not ("I introduced myself as the registrar on call and explained the plan to the family.",
              "x", FLAG (PROFESSIONALISM));
  /* Waiting for a review, and a new ward's language: not harm or a jibe. */
  assert_not ("Fluids are running, let them wait for the consultant's review before we decide",
              "x", FLAG (RESPECT));
  assert_not ("Learning the language of a new ward takes time, be kind to yourself", "x",
              FLAG (RESPECT));
  /* A player's injury seen on television; "only one thing" and a grandmother's age. */
  assert_not ("Villa captain's shoulder looks bad on the telly, hope he's ok", "x",
              FLAG (CONFIDENTIALITY));
  assert_not ("Only one thing matters on nights: eat something. 80 year old wisdom from my gran.",
              "x", FLAG (CONFIDENTIALITY));
  /* A message sent, not a referral. */
  assert_not ("Dr Amy sent you a message about your results, please ring the surgery", "facebook",
              FLAG (CONFLICT_OF_INTEREST));
  /* Antibiotic stewardship; a vaccine shot for the over-65s; the heat, not looks; a charity
   * run's link. */
  assert_not ("Viral coughs: no need for antibiotics. Honey, fluids and rest every day help most "
              "people.", "facebook", FLAG (PROFESSIONALISM));
  assert_not ("flu clinic sat morning! over 65s just turn up, get your shot 💉", "facebook",
              FLAG (RESPECT));
  assert_not ("dying in resus today, 31 degrees and no aircon. drink water folks 🥵", "x",
              FLAG (RESPECT));
  assert_not ("running the Leeds 10k for the hospice, every quid helps, link in bio x", "instagram",
              FLAG (CONFLICT_OF_INTEREST));
  /* Driving for a prescription is not an offer of one; a colleague assaulted is a victim,
   * not accused. */
  assert_not ("our dispensary means nobody on the moor drives an hour for a prescription any more",
              "facebook", FLAG (PRESCRIBING));
  assert_not ("A porter was assaulted in ED last night. We won't name anyone. We will ask the trust "
              "for more security staff.", "x", FLAG (DEFAMATION));
  /* A consultant's new title, earned and said plainly. The professionalism model (session
   * 18) reads "updated my LinkedIn to consultant …" as the registrars of the read sets who
   * did that before their time (0.93; cutoff 0.6); the rules stay clean. Keeping the model
   * quiet where a post says the title was earned ("years of training", "PhD", "graduated",
   * "appointed") cost 165 read posts and 4 of 254 on two unopened sets: not done. */
  assert_not_by_rules ("Updated my LinkedIn to Consultant Cardiologist today after 12 years of "
                       "training. Thank you all.", "linkedin", FLAG (PROFESSIONALISM));
  /* The same sponsorship labelled as an advert at the start; a charity run's sponsor. */
  assert_not ("Our fun run was sponsored by the League of Friends, thank you all for coming",
              "facebook", FLAG (ADVERTISING));
  assert_not ("Ad | huge thanks to @FlexiScrubs for sponsoring this post! comfiest scrubs I've owned "
              "💙", "instagram", FLAG (ADVERTISING));
  /* Fossil fuels; a patient dribbling is a sign to act on. */
  assert_not ("Fossil fuels and hospital heating: our trust's plan to cut emissions", "linkedin",
              FLAG (RESPECT));
  assert_not ("She was dribbling and drowsy so we checked her glucose straight away", "x",
              FLAG (RESPECT));
  /* Discharge medicines carried from the ward stock for a patient; a consultant posting as one. */
  /* The professionalism model (word pairs, session 16) reads "stock", "ward stock" and "the
   * patient" as medicines taken (0.99): a finding of its own, the cost of a cutoff chosen by
   * cross-validation; the rules stay clean. */
  assert_not_by_rules ("Took the TTO meds from the ward stock down to the discharge lounge for the patient",
                       "x", FLAG (PROFESSIONALISM));
  assert_not ("I comment on anaesthesia threads as a consultant, because I am one, 14 years now",
              "forum", FLAG (PROFESSIONALISM));
  /* A pharmacy's number for repeat prescriptions. */
  assert_not ("The pharmacy's phone number is on the leaflet, ring them for repeat prescriptions",
              "facebook", FLAG (BOUNDARIES));
  /* "Out-of-date" is not a date, and advice to patients is not flirting. */
  assert_not ("Check your cupboard: out-of-date paracetamol can go back to any pharmacy. My patients "
              "ask this a lot, so sharing.", "facebook", FLAG (BOUNDARIES));
  /* "The worst people to ignore", "the most vulnerable people": not a ranking of people. */
  assert_not ("The worst people to ignore are the quiet ones: check on your colleagues after a "
              "hard shift.", "x", FLAG (RESPECT));
  assert_not ("The most vulnerable people in our community deserve better care", "x",
              FLAG (RESPECT));
  /* A parent who is a doctor, with no lay claim, and a GP named as the one prescribing. */
  /* The anonymity model (word pairs, session 16) reads "a mum" and "mum of" as a lay persona
   * (0.94): a finding of its own, the cost of a cutoff chosen by cross-validation; the rules
   * stay clean. */
  assert_not_by_rules ("As a mum of two I can tell you the baby clinic on Fore St is lovely", "facebook",
                       FLAG (ANONYMITY));
  assert_not ("just a mum trying to get the kids to school on time lol", "x", FLAG (ANONYMITY));
  assert_not ("my GP has started me on citalopram, feeling hopeful", "x", FLAG (PRESCRIBING));
  /* A gift logged on the register; an advert labelled "AD/gifted"; a pint after the shift. */
  assert_not ("Sweet family gave me a box of Roses on my last shift, lovely. Logged it on the "
              "gifts register and shared it round the ward", "x", FLAG (CONFLICT_OF_INTEREST));
  assert_not ("AD/gifted: @ComfyClogs sent me these to try, really comfy on a long shift", "x",
              FLAG (CONFLICT_OF_INTEREST) | FLAG (ADVERTISING));
  assert_not ("just off a double on-call, had a pint with the team, bed now", "x",
              FLAG (PROFESSIONALISM));
  /* "bestie" as a way of addressing the reader, not a friendship with a patient. */
  assert_not ("bestie u will not believe the night shift i just had, the patient in bed 3 was a "
              "legend", "tiktok", FLAG (BOUNDARIES));
  /* A role word in quotes that someone else used, not a persona. */
  assert_not ("F2 and still get called 'nurse' by patients every shift, no shade to nurses", "x",
              FLAG (ANONYMITY));
  /* A clinic naming what it treats, with the assessment first, is not playing on insecurity. */
  assert_not ("Our clinic assesses wrinkle concerns in person first; treatment is not right for "
              "everyone and prices are on our website.", "instagram", FLAG (ADVERTISING));
  assert_flags ("say goodbye to wrinkles forever 😍 book now before summer, only 3 slots left",
                "instagram", FLAG (ADVERTISING));
  /* Weight words that describe no one, and "fat" quoted back at the writer. */
  assert_not ("fat chance of getting a parking space at the hospital before 8", "x",
              FLAG (RESPECT));
  assert_not ("the 'fat doctor' comments under my videos are getting old. be kind", "tiktok",
              FLAG (RESPECT));
  /* A doctor's own patient "here" is not a persona, nor a PhD a product name. */
  assert_not ("the patient here has been waiting since 6am for a bed, absolutely the best of the "
              "team are doing what they can", "x", FLAG (ANONYMITY));
  assert_not ("Finished my PhD this week, the best three years of hard work", "linkedin",
              FLAG (CONFLICT_OF_INTEREST));
  /* A photo someone sent is not an offer of care. */
  assert_not ("my sister sent me a pic of the new puppy and I have not stopped smiling", "x",
              FLAG (BOUNDARIES));
  /* Poisoning as a clinical subject is not an allegation. */
  assert_not ("Teaching the poisoning module at Ashgrove Surgery today, TOXBASE is a lifesaver",
              "x", FLAG (DEFAMATION));
  /* A count done, a checklist praised, 5 g of something: none is a skipped step or a claim. */
  assert_not ("Swab count correct, WHO checklist done, great teamwork in theatre today", "x",
              FLAG (PROFESSIONALISM));
  assert_not ("Remember creatine is 5g a day at most, and check with your GP first", "x",
              FLAG (PROFESSIONALISM));
  /* Friends from school are not patients. */
  assert_not ("caught up with my school friends on facebook last night, such a laugh", "facebook",
              FLAG (BOUNDARIES));
  /* Words a profanity list rates as likely rude but that are clinical or ordinary here
   * (build-aux/swearing-routing.tsv skips them with their reasons). */
  assert_clean ("Lynch syndrome clinic this morning, then a three-way catheter teaching session",
                "forum");
  assert_clean ("Substantia nigra loss on the DaT scan, as expected", "forum");
  assert_clean ("The hooker is the one who strikes for the ball in a scrum, as I told the under-9s", "x");
  assert_clean ("Red neck syndrome with the vanc again, slowed the infusion", "forum");
  assert_clean ("Graduated cum laude from the Homo sapiens evolution module, 20 years ago now", "x");
  assert_clean ("Penetrating injury teaching this afternoon, bring your questions", "x");
  assert_clean ("Great night out in Scunthorpe, cocktails all round for the retirement do", "x");
  assert_clean ("'Vaccines cause autism' is a myth: the study behind it was withdrawn and "
                "large studies since found no link.", "x");
  assert_clean ("The printer on ward 6 is f***ing broken again", "whatsapp");
  assert_clean ("Man in his 60s punched in the face outside the pub, facial fractures, maxfax "
                "have him", "forum");
  assert_clean ("Patients with a body mass index over 40 need the bigger cuff", "x");
  assert_clean ("She has a bottom lip laceration that needs a plastics opinion", "forum");
  assert_clean ("Scrubs too tight after Christmas, back to the gym for me", "x");
  assert_clean ("Patients in England still have to pay for their own prescriptions, it should "
                "be free like Wales", "x");
  assert_clean ("Instruments need sterilising before the next list", "whatsapp");
  /* The professionalism model (word pairs, session 16) reads "the vaccine" as a claim about
   * vaccines (0.87): a finding of its own, the cost of a cutoff chosen by cross-validation; the
   * rules stay clean. */
  assert_not_by_rules ("Untreated measles does far more harm than the vaccine ever could", "x", 0);
  assert_clean ("Reminder: write 'person who uses drugs', not junkie. Language matters in notes",
                "forum");
  assert_clean ("Gallstones love a fatty meal: teaching case for the students, details changed",
                "x");
  assert_clean ("Worked with covid patients all through 2020 and never caught it", "x");
  /* The confidentiality model reads a public figure's diagnosis as a patient recognised. */
  assert_clean_by_rules ("The minister's dementia diagnosis was announced by his family today; "
                         "thinking of them", "x");
  assert_clean ("Nobody checks the fridge temperature log on ward 4, so I've raised it with the "
                "matron", "forum");
  /* An "Ad |" label at the start overrules the conflict-of-interest model. */
  assert_clean ("Ad | Gifted by BrightDerm: trying their new vitamin C serum this week, honest "
                "review in my stories", "instagram");
  assert_clean ("A patient found my account and followed me. I've blocked them and will mention "
                "it at the next appointment, as the trust's policy says", "x");
  assert_clean ("Ozempic shortage again, three of my diabetic patients can't get their pens", "x");
  assert_clean ("In this post I explain why isotretinoin is only started by specialists and what "
                "monitoring it needs", "blog");
  assert_clean ("Laser hair removal from £60 a session (small area), patch test first. Full price "
                "list on our website", "facebook");
  assert_clean ("As a GP I think the Labour plan for dentistry is a start, though the evidence on "
                "access is mixed", "x");
  assert_clean ("Serves me right for picking the longest queue at the canteen", "x");
  assert_clean ("Traveller families often face barriers to registering with a GP, and they always "
                "deserve a welcome", "x");
  assert_clean ("Muslim colleagues fasting on nights: here's how we're adjusting the rota", "x");
  assert_clean ("My neighbour brought round a lasagne after my op, legend", "facebook");
  assert_clean ("Posting anonymously as a patient, not as a doctor: anyone else waiting months for "
                "a rheumatology referral?", "forum");
  assert_clean ("Quick intro: I post as myself, Dr Ana Lopes, GP in Bristol. Views my own.", "x");
  /* The prescribing model reads a named medicine for a relative as prescribing for family. */
  assert_clean_by_rules ("My mum's GP prescribed her zopiclone and it's been a game changer",
                         "facebook");
  assert_clean ("Never prescribe for your own family, however easy it looks", "x");
  assert_clean ("Paid for the prescribing course myself, no affiliation; good value", "blog");
  assert_clean ("Our practice is running flu clinics at St Peter's Primary on Saturday for local "
                "families", "facebook");
  assert_clean ("I heard Dr Shah in renal is lovely, lucky new F1s", "x");
  assert_clean ("Declaration: I'm a co-founder of PulseNow. Here's what our pilot found, warts and "
                "all.", "linkedin");
  assert_clean ("Coffee with my old registrar today, still the best teacher I ever had", "x");
  assert_clean ("An enormous thank you to the lovely lady who brought the whole ward cake 😭",
                "facebook");
  assert_clean ("Team photo from our leaving do 📸 what a crew", "instagram");
  assert_clean ("Clinical photo taken on the trust camera with consent and uploaded to the record, as "
                "it should be", "forum");
  assert_clean ("#Ad I've partnered with @handcareuk and was paid for this post: their barrier cream "
                "saved my hands, wrecked by washing", "instagram");
  assert_clean ("As a GP: the flu jab is free for over 65s and in pregnancy, book at your surgery or "
                "pharmacy", "x");
  assert_clean ("Never sign a discharge summary without reading it, however long the list", "x");
  /* The professionalism model (word pairs, session 16) reads "night shift" and "😂" as a joke
   * about work: a finding of its own, the cost of a cutoff chosen by cross-validation; the rules
   * stay clean. */
  assert_not_by_rules ("before and after my night shifts 😂 (left: human, right: goblin)", "instagram", 0);
  assert_clean ("Ask patients to rate their pain out of 10 before and after the block", "forum");
  assert_clean ("Thank you to the donors whose bodies we learnt from in the dissection room. "
                "Humbling.", "x");
  assert_clean ("me in the morgue after 4 nights 😂", "instagram");
  /* "MR" after a dose is modified release; "Mr" before a surgeon's job is the surgeon; your
   * own number is yours to give. */
  assert_not ("nifedipine 20mg MR BD, review in a fortnight", "forum", FLAG (CONFIDENTIALITY));
  assert_clean ("Mr Okoye is a consultant colorectal surgeon and runs this page; general "
                "information only", "facebook");
  assert_clean ("Locum shifts wanted in December, call me on 07700 900461", "linkedin");
  assert_clean ("snow melt flooding the car park again, wellies on", "x");
  assert_clean ("The patient lives at the end of Mill Lane; the district nurses go in daily", "forum");
  assert_clean ("Midges are the true apex predator of the Highlands; check for ticks after walks",
                "mastodon");
  assert_clean ("Mum swears by arnica for her bruises, I just smile and nod", "x");
  assert_clean ("She's on ivermectin for scabies and it cleared completely", "forum");
  assert_clean ("Fit as a fiddle at 94 and walked out of clinic, what a lady", "x");
  /* Session 6: classes learnt from tune-9 and tune-6…8, in new words. */
  assert_clean ("gym selfie before nights, body goals", "instagram");
  assert_clean ("selfie in scrubs before my first theatre list", "x");
  assert_clean ("people think ADHD is made up but the evidence is clear", "x");
  assert_clean ("ADHD is not made up, stop saying it is", "x");
  assert_clean ("long covid is a real thing and my patients are struggling", "facebook");
  assert_clean ("the cold doesn't exist in July apparently", "x");
  assert_clean ("never take your mum's diazepam, it's not safe", "x");
  assert_clean ("your GP can send the prescription to your pharmacy", "x");
  assert_clean ("my own inhaler ran out so I booked with my GP", "forum");
  assert_clean ("we saw whales off the coast after my clinic week ended", "facebook");
  assert_clean ("I couldn't feed the cat this morning, shift ran over", "x");
  assert_clean ("photo courtesy of the comms team, brilliant day at the conference", "x");
  assert_clean ("Please leave us a genuine review if you were happy with your care", "facebook");
  assert_clean ("I wrote up the reviews of the new guidance for the journal club", "x");
  assert_clean ("Tonight the cyclist knocked off on the ring road is doing fine. Drivers, look twice.", "x");
  assert_clean ("my consultant today: 'there are no stupid questions' and he meant it. good bosses exist", "x");
  assert_not ("the drunk lad in cubicle 3 tried to fight security", "x", FLAG (PROFESSIONALISM));
  assert_clean ("came in after 8 pints and fell off a wall, 14 stitches", "x");
  assert_clean ("didn't get my youngest the flu jab this week as she had a temperature", "facebook");
  assert_clean ("Sepsis tip: don't wait for a lactate if the patient looks unwell. Trust your gut.", "x");
  assert_clean ("to the new FY1s starting on the ward tomorrow: you will be fine", "x");
  assert_clean ("my reg looked stunning at her wedding, so happy for her", "facebook");
  assert_clean ("it's been a dirty old sh*t of a week", "x");
  assert_clean ("my no. 1 tip for nights: eat a proper meal at 1am", "x");
  assert_clean ("we do care if they die, that's why we fight for staffing", "x");
  /* The prescribing model reads a named medicine and "prescribed" as prescribing. */
  assert_clean_by_rules ("my GP prescribed me propranolol for exam nerves and it helped", "forum");
  assert_not ("PR package from @glowco arrived, all my patients ask about sunscreen", "instagram", FLAG (CONFIDENTIALITY));
  assert_clean ("it's freezing in the staff car park today, wrap up ya numpties", "x");
  assert_clean ("things people worry about before an anaesthetic: saying daft things as you go off (we've heard it all)", "x");
  assert_not ("Mum, the pharmacy on the high street does flu jabs on Saturday, no appointment needed x", "facebook", FLAG (BOUNDARIES));
  assert_not ("3 patients with d&v in bay 2, bay closed", "x", FLAG (PROFESSIONALISM));
  assert_not ("stayed home with d&v, rota sorted cover", "x", FLAG (PROFESSIONALISM));
  assert_not ("migraine day, lights off. back on the wards tomorrow hopefully", "x", FLAG (PROFESSIONALISM));
  assert_not ("Drunk people in A&E on a Saturday aren't a joke. Look after each other.", "x", FLAG (PROFESSIONALISM));
  assert_clean ("Posting as a patient today, not as a doctor: anyone else waited a year for a rheumatology referral?", "forum");
  assert_clean ("I post as a doctor under my own name and always will", "x");
  assert_clean ("Locum agency has been fine for me, paid on time. Not affiliated, just sharing my experience.", "x");
  assert_clean ("I'm not saying it's easy, but the new rota at St Mary's is fairer", "x");
  assert_clean ("sounds like cystitis, cranberry juice won't fix it, see your GP", "x");
  assert_clean ("he called me a twat in front of the whole waiting room and I still treated him kindly", "x");
  assert_clean ("Transparent prices on my website. No 'this week only' deals, no pressure, two weeks to think before any procedure.", "x");
  assert_clean ("tbh the sh*ttest part of psych is the bed crisis, not the patients", "x");
  assert_clean ("free CPR session for kids' football coaches at our ground on the 12th, link in bio. not paid, just scared", "facebook");
  assert_clean ("added my old school friends on facebook, what a blast from the past", "facebook");
  assert_not ("In my country we give antibiotic for every fever, here they say wait and see. I think the UK way is better.", "x", FLAG (PRESCRIBING));
  assert_not ("reply to @kay.xo: that rash could be a few things, grab some emollient from the chemist and see your GP", "x", FLAG (PRESCRIBING));
  assert_clean ("I log in to my NHS account to check my results", "x");
  assert_clean ("the booster has been properly tested in pregnancy, the data are reassuring", "x");
  assert_clean ("people say the vaccines were never properly tested; that's a myth", "x");
  assert_clean ("no drinking tonight, on call tomorrow", "x");
  /* The respect model reads "bum" and "face" as a remark on someone's body. */
  assert_clean_by_rules ("woke up with a face like a smacked bum after nights lol", "x");
  assert_clean ("people with BPD are not manipulative, they have been hurt", "x");
  assert_clean ("Some of you have messaged me privately about symptoms. I can't advise over Facebook, please ring the surgery or 111.", "facebook");
  assert_clean ("before & after of my own teeth from dental school to now, no treatment offers here, just nostalgic", "instagram");
  assert_clean ("Auntie, take the list of tablets to your GP and ask for a medication review, they'll sort it x", "whatsapp");
  assert_clean ("Thanks to everyone at defib training! The box is outside the chapel; the code is given by 999 when you ring.", "facebook");
}

/* The writer's role words findings, and some rules apply only to some roles. */
static void
test_roles (void)
{
  const char *text = "As a doctor I'd say take 2 paracetamol 500mg four times a day";
  g_autoptr(GPtrArray) as_doctor = NULL;
  g_autoptr(GPtrArray) as_pa = NULL;
  gboolean speaks = FALSE, worded = FALSE;

  g_assert_cmpint (sg_analyzer_get_role (analyzer), ==, SG_ROLE_DOCTOR);
  as_doctor = sg_analyzer_analyze (analyzer, text, -1, "x", NULL);
  for (guint i = 0; i < as_doctor->len; i++)
    g_assert_cmpstr (sg_finding_get_rule_id (g_ptr_array_index (as_doctor, i)), !=,
                     "professionalism.speaks-as-doctor");

  sg_analyzer_set_role (analyzer, SG_ROLE_PHYSICIAN_ASSOCIATE);
  as_pa = sg_analyzer_analyze (analyzer, text, -1, "x", NULL);
  sg_analyzer_set_role (analyzer, SG_ROLE_DOCTOR);
  for (guint i = 0; i < as_pa->len; i++)
    {
      SgFinding *f = g_ptr_array_index (as_pa, i);

      speaks |= g_str_equal (sg_finding_get_rule_id (f), "professionalism.speaks-as-doctor");
      if (sg_finding_get_category (f) == SG_CATEGORY_PRESCRIBING)
        worded |= strstr (sg_finding_get_message (f), "physician associate") != NULL;
    }
  g_assert_true (speaks);
  g_assert_true (worded);

  {
    SgRole role;

    g_assert_true (sg_role_from_string ("medical-student", &role));
    g_assert_cmpint (role, ==, SG_ROLE_MEDICAL_STUDENT);
    g_assert_false (sg_role_from_string ("nurse", &role));
  }
}

/* A long text is analysed in runs of segments on several threads: the same findings, in the
 * same order, as one pass over it. */
static void
test_long_text_runs (void)
{
  static const char *lines[] = {
    "Could someone chase the CT for the lady in bed 4, NHS no 943 476 5919?\n",
    "Handover went well tonight and the team were brilliant as ever.\n",
    "the SleepWell app has done more for my insomnia patients than any tablet ever did\n",
    "linesman missed it again, blind tw@t 😤 ",
    "Take 500mg twice a day for five days if you have a chest infection.\n",
    "Journal club this week: a small RCT of early mobilisation after hip fracture.\n",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) three = NULL;
  g_autofree char *one_said = NULL;
  g_autofree char *three_said = NULL;

  for (guint i = 0; text->len < 600 * 1024; i++)
    g_string_append (text, lines[i % G_N_ELEMENTS (lines)]);

  sg_analyzer_set_max_runs (analyzer, 1);
  one = sg_analyzer_analyze (analyzer, text->str, text->len, "x", NULL);
  sg_analyzer_set_max_runs (analyzer, 3);
  three = sg_analyzer_analyze (analyzer, text->str, text->len, "x", NULL);
  sg_analyzer_set_max_runs (analyzer, 0);

  g_assert_cmpuint (one->len, >, 1000);
  one_said = sg_test_findings_key (one);
  three_said = sg_test_findings_key (three);
  g_assert_cmpstr (one_said, ==, three_said);
}

/* Every stage's hits are in order once indexed, whatever a stage removed: dropping the first
 * name inside "Dr Alan Pryce" used to move a hit added later into the part said to be sorted,
 * and patterns walking the group's hits then missed what came after it. */
static void
test_hits_sorted (void)
{
  static const char *texts[] = {
    "Dr Alan Pryce at Northgate Spire is a cowboy, bodged my mum's knee and hid it.",
    "Dr Sarah Collins and Mrs Patel in bed 4 on ward 7, NHS no 943 476 5919.",
    "my consultant Dr Ben Hart reckons the new Pellana inhaler is the best on the market lol",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      SgScan scan;

      sg_scan_init (&scan, sg_analyzer_get_pack (analyzer));
      sg_scan_segment (&scan, texts[t], strlen (texts[t]));
      g_assert_cmpuint (scan.hits->len, >, 10);
      for (guint i = 1; i < scan.hits->len; i++)
        {
          const SgHit *a = &g_array_index (scan.hits, SgHit, i - 1);
          const SgHit *b = &g_array_index (scan.hits, SgHit, i);

          g_assert_true (a->start < b->start || (a->start == b->start && a->end >= b->end));
        }
      sg_scan_clear (&scan);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  pack = sg_rule_pack_load (NULL, &error);
  g_assert_no_error (error);
  analyzer = sg_analyzer_new (pack);

  g_test_add_func ("/sg/analyzer/confidentiality", test_confidentiality);
  g_test_add_func ("/sg/analyzer/confidentiality-clean", test_confidentiality_clean);
  g_test_add_func ("/sg/analyzer/categories", test_other_categories);
  g_test_add_func ("/sg/analyzer/categories-clean", test_other_categories_clean);
  g_test_add_func ("/sg/analyzer/clinical-note-style", test_clinical_note_style);
  g_test_add_func ("/sg/analyzer/clinical-note-clean", test_clinical_note_clean);
  g_test_add_func ("/sg/analyzer/real-register", test_real_register);
  g_test_add_func ("/sg/analyzer/real-register-clean", test_real_register_clean);
  g_test_add_func ("/sg/analyzer/roles", test_roles);
  g_test_add_func ("/sg/analyzer/offsets-and-fixes", test_offsets_and_fixes);
  g_test_add_func ("/sg/analyzer/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/sg/analyzer/nul-and-empty", test_nul_and_empty);
  g_test_add_func ("/sg/analyzer/long-sentence-of-hits", test_long_sentence_of_hits);
  g_test_add_func ("/sg/analyzer/unknown-platform", test_unknown_platform);
  g_test_add_func ("/sg/analyzer/huge-line", test_huge_line);
  g_test_add_func ("/sg/analyzer/odd-shapes", test_odd_shapes);
  g_test_add_func ("/sg/analyzer/saints-are-places", test_saints_are_places);
  g_test_add_func ("/sg/analyzer/ignored-rules", test_ignored_rules);
  g_test_add_func ("/sg/analyzer/watch-list", test_watch_list);
  g_test_add_func ("/sg/analyzer/long-text-runs", test_long_text_runs);
  g_test_add_func ("/sg/analyzer/hits-sorted", test_hits_sorted);

  ret = g_test_run ();
  g_clear_object (&analyzer);
  return ret;
}
