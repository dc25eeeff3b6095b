/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Real drafts are typed fast on phones: "perscription", "collegue", "paitent". The concepts,
 * patterns and models read stems, so a misspelt word was invisible to all of them. The
 * tokenizer reads these forms as the word meant (sg-tokens.c); offsets still point at what was
 * typed. The list is written by hand from common English misspellings, and
 * from the words the rules need most (patients, colleagues, medicines, prescribing, reviews);
 * each entry is a form that is not itself an English word, checked against the British English
 * Hunspell dictionary (hunspell-en-gb), so no correctly spelt draft is read differently. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg-respell.h"

typedef struct {
  const char *typed;
  const char *meant;
} Respelling;

/* Sorted by the typed form (strcmp), which a test checks. */
static const Respelling respellings[] = {
  { "absolutly", "absolutely" },
  { "accomodate", "accommodate" },
  { "acident", "accident" },
  { "adress", "address" },
  { "advertisment", "advertisement" },
  { "ambulence", "ambulance" },
  { "anaethetist", "anaesthetist" },
  { "anitbiotics", "antibiotics" },
  { "antibiotcs", "antibiotics" },
  { "antibotics", "antibiotics" },
  { "apointment", "appointment" },
  { "appointmnet", "appointment" },
  { "availible", "available" },
  { "avaliable", "available" },
  { "becasue", "because" },
  { "becuase", "because" },
  { "beleive", "believe" },
  { "buisness", "business" },
  { "codiene", "codeine" },
  { "colegue", "colleague" },
  { "colegues", "colleagues" },
  { "colleage", "colleague" },
  { "colleages", "colleagues" },
  { "collegue", "colleague" },
  { "collegues", "colleagues" },
  { "completly", "completely" },
  { "confidental", "confidential" },
  { "consulation", "consultation" },
  { "consultent", "consultant" },
  { "consultents", "consultants" },
  { "definately", "definitely" },
  { "definatly", "definitely" },
  { "definetly", "definitely" },
  { "demensia", "dementia" },
  { "desease", "disease" },
  { "diagnosys", "diagnosis" },
  { "diarhoea", "diarrhoea" },
  { "diarrea", "diarrhoea" },
  { "diazapam", "diazepam" },
  { "dicount", "discount" },
  { "discusting", "disgusting" },
  { "docter", "doctor" },
  { "docters", "doctors" },
  { "embarassed", "embarrassed" },
  { "embarassing", "embarrassing" },
  { "emergancy", "emergency" },
  { "experiance", "experience" },
  { "garantee", "guarantee" },
  { "garanteed", "guaranteed" },
  { "genuinly", "genuinely" },
  { "goverment", "government" },
  { "guarentee", "guarantee" },
  { "guarenteed", "guaranteed" },
  { "harrass", "harass" },
  { "harrassment", "harassment" },
  { "honstly", "honestly" },
  { "hopsital", "hospital" },
  { "hosptial", "hospital" },
  { "ibuprofin", "ibuprofen" },
  { "incedent", "incident" },
  { "incompetant", "incompetent" },
  { "incompotent", "incompetent" },
  { "independant", "independent" },
  { "inhailer", "inhaler" },
  { "injecton", "injection" },
  { "literaly", "literally" },
  { "medecine", "medicine" },
  { "medicaton", "medication" },
  { "medicene", "medicine" },
  { "morphene", "morphine" },
  { "neccessary", "necessary" },
  { "necesary", "necessary" },
  { "negligance", "negligence" },
  { "negligant", "negligent" },
  { "paitent", "patient" },
  { "paitents", "patients" },
  { "paracetemol", "paracetamol" },
  { "paracetomol", "paracetamol" },
  { "pateint", "patient" },
  { "pateints", "patients" },
  { "patinet", "patient" },
  { "patinets", "patients" },
  { "perscribe", "prescribe" },
  { "perscribed", "prescribed" },
  { "perscribing", "prescribing" },
  { "perscription", "prescription" },
  { "perscriptions", "prescriptions" },
  { "pharmasist", "pharmacist" },
  { "pharmercy", "pharmacy" },
  { "prescibe", "prescribe" },
  { "presciption", "prescription" },
  { "prescripton", "prescription" },
  { "profesional", "professional" },
  { "proffesional", "professional" },
  { "reccomend", "recommend" },
  { "reccomended", "recommended" },
  { "reccommend", "recommend" },
  { "recieve", "receive" },
  { "recomend", "recommend" },
  { "recomended", "recommended" },
  { "recptionist", "receptionist" },
  { "rediculous", "ridiculous" },
  { "referal", "referral" },
  { "refered", "referred" },
  { "registar", "registrar" },
  { "resluts", "results" },
  { "reveiw", "review" },
  { "reveiws", "reviews" },
  { "seperate", "separate" },
  { "sponserd", "sponsored" },
  { "sponsered", "sponsored" },
  { "suppliment", "supplement" },
  { "suppliments", "supplements" },
  { "surgen", "surgeon" },
  { "surgury", "surgery" },
  { "temprature", "temperature" },
  { "thier", "their" },
  { "tommorow", "tomorrow" },
  { "tomorow", "tomorrow" },
  { "treatmnet", "treatment" },
  { "truely", "truly" },
  { "usless", "useless" },
  { "vacination", "vaccination" },
  { "vacine", "vaccine" },
  { "vacines", "vaccines" },
  { "wierd", "weird" },
};

static int
compare_typed (const void *key,
               const void *entry)
{
  return strcmp (key, ((const Respelling *) entry)->typed);
}

/* Where each first letter's entries lie in the table, and which lengths they have (bit n for
 * n bytes): almost every word a draft has is turned away by these two without a comparison,
 * as the tokenizer asks about every word (a binary search over the table was 5 % of a check). */
typedef struct {
  guint16 start;
  guint16 end;
  guint32 lengths;
} LetterIndex;

static LetterIndex letters[26];

static gpointer
index_letters (gpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (respellings); i++)
    {
      const char *typed = respellings[i].typed;
      LetterIndex *letter;
      gsize len = strlen (typed);

      if (typed[0] < 'a' || typed[0] > 'z')
        continue;
      letter = &letters[typed[0] - 'a'];
      if (letter->end == 0)
        letter->start = i;
      letter->end = i + 1;
      if (len < 32)
        letter->lengths |= 1u << len;
    }
  return NULL;
}

const char *
sg_respell (const char *word)
{
  static GOnce once = G_ONCE_INIT;
  const LetterIndex *letter;
  const Respelling *r;
  gsize len;

  if (word[0] < 'a' || word[0] > 'z')
    return NULL;
  g_once (&once, index_letters, NULL);
  letter = &letters[word[0] - 'a'];
  for (len = 1; len < 32 && word[len] != '\0'; len++)
    ;
  if (len >= 32 || !(letter->lengths & (1u << len)))
    return NULL;
  r = bsearch (word, respellings + letter->start, letter->end - letter->start,
               sizeof (Respelling), compare_typed);
  return r != NULL ? r->meant : NULL;
}

gboolean
sg_respell_table_is_sound (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (respellings); i++)
    {
      if (i > 0 && strcmp (respellings[i - 1].typed, respellings[i].typed) >= 0)
        return FALSE;
      if (g_str_equal (respellings[i].typed, respellings[i].meant))
        return FALSE;
      /* Each entry is reached through the index (a first letter a-z, fewer than 32 bytes). */
      if (sg_respell (respellings[i].typed) != respellings[i].meant)
        return FALSE;
    }
  return TRUE;
}
