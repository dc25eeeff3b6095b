/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sg-identifiers.c — hand-written scanner for candidate patient identifiers.
 *
 * One pass over the bytes. Only ASCII letters and digits form words here; every other byte
 * (UTF-8 continuation bytes, NUL, punctuation) is a separator, so multibyte text and embedded
 * NULs cannot confuse offsets. Each candidate is checked against a few words of context
 * gathered by walking the buffer backwards/forwards; nothing is allocated per character.
 */
#include <string.h>
#include <stdlib.h>

#include "sg-identifiers.h"

/* Word classes: one table maps a case-folded word to a set of these. */
enum {
  W_PATIENT = 1 << 0,  W_NEG = 1 << 1,     W_NEGAUX = 1 << 2,  W_NOT = 1 << 3,
  W_NHS = 1 << 4,      W_NUM = 1 << 5,     W_CHI = 1 << 6,     W_HC = 1 << 7,
  W_BIRTH = 1 << 8,    W_ADMIT = 1 << 9,   W_SERV = 1 << 10,   W_OUR = 1 << 11,
  W_PERSON = 1 << 12,  W_CLIN = 1 << 13,   W_INITCUE = 1 << 14, W_ACRO = 1 << 15,
  W_ABBR = 1 << 16,    W_POSS = 1 << 17,   W_EXCL_YR = 1 << 18, W_WARDSTOP = 1 << 19,
  W_PASSED = 1 << 20,  W_AWAY = 1 << 21,   W_IN = 1 << 22,     W_HEALTH = 1 << 23,
  W_CARE = 1 << 24,
};
#define BIT(n)     (G_GUINT64_CONSTANT (1) << (n))
/* Triggers for word-led detectors in the main loop. */
#define T_TITLE    BIT (25)
#define T_MONTH    BIT (26)
#define T_LOC      BIT (27)
#define T_BAND     BIT (28)
#define T_AGEWORD  BIT (29)
#define T_AGED     BIT (30)
#define T_HOSP     BIT (31)
#define T_OF       (G_GUINT64_CONSTANT (1) << 32)
#define T_PCODE    (G_GUINT64_CONSTANT (1) << 33)
#define T_CAPONLY  (G_GUINT64_CONSTANT (1) << 34) /* month/cue only when capitalised */
#define T_MOD      (G_GUINT64_CONSTANT (1) << 35) /* late/early/mid */
#define W_SCOT     BIT (36) /* Scottish context: a CHI number without the cue */
#define W_NI       BIT (37) /* Northern Irish context: an H&C number without the cue */

typedef struct {
  const char *w;
  guint64     cls;
  gint        val;
} Entry;

static const Entry entries[] = {
  { "patient", W_PATIENT | W_PERSON | W_CLIN | W_INITCUE, 0 },
  { "patients", W_PATIENT | W_CLIN, 0 },
  { "pt", W_PATIENT | W_PERSON | W_CLIN | W_INITCUE, 0 },
  { "pts", W_PATIENT | W_CLIN, 0 },
  { "lady", W_PATIENT | W_PERSON, 0 }, { "gentleman", W_PATIENT | W_PERSON, 0 },
  { "gent", W_PATIENT | W_PERSON, 0 }, { "man", W_PATIENT | W_PERSON, 0 },
  { "woman", W_PATIENT | W_PERSON, 0 }, { "chap", W_PERSON, 0 }, { "bloke", W_PERSON, 0 },
  { "guy", W_PERSON, 0 }, { "boy", W_PERSON, 0 }, { "girl", W_PERSON, 0 },
  { "he", W_PERSON, 0 }, { "she", W_PERSON, 0 }, { "mum", W_PERSON, 0 },
  { "dad", W_PERSON, 0 }, { "son", W_PATIENT | W_PERSON, 0 },
  { "daughter", W_PATIENT | W_PERSON, 0 }, { "husband", W_PERSON, 0 }, { "wife", W_PERSON, 0 },
  { "grandad", W_PERSON, 0 }, { "grandma", W_PERSON, 0 }, { "nan", W_PERSON, 0 },
  { "admitted", W_PATIENT | W_ADMIT, 0 }, { "admission", W_PATIENT, 0 },
  { "discharge", W_PATIENT, 0 }, { "discharged", W_PATIENT | W_ADMIT, 0 },
  { "ward", W_PATIENT | W_CLIN | W_INITCUE | T_LOC, 0 },
  { "bed", W_PATIENT | W_CLIN | W_INITCUE | T_LOC, 0 },
  { "bay", W_PATIENT | W_CLIN | W_INITCUE | T_LOC, 0 },
  { "majors", W_PATIENT | W_CLIN | W_INITCUE | T_LOC, 0 },
  { "resus", W_PATIENT | W_CLIN | W_INITCUE | T_LOC, 0 },
  { "cubicle", W_PATIENT | W_CLIN | W_INITCUE | T_LOC, 0 },
  /* A neonatal unit's cots and incubators, and the trolleys of corridor care, are numbered
   * as beds are. */
  { "cot", W_PATIENT | W_CLIN | W_INITCUE | T_LOC, 0 },
  { "incubator", W_PATIENT | W_CLIN | W_INITCUE | T_LOC, 0 },
  { "trolley", W_PATIENT | W_CLIN | W_INITCUE | T_LOC, 0 },
  { "room", T_LOC, 0 }, { "side", W_CLIN | T_LOC, 0 },
  { "dob", W_PATIENT | W_BIRTH | W_INITCUE, 0 }, { "meds", W_PATIENT, 0 },
  { "script", W_PATIENT, 0 }, { "please", W_PATIENT | W_NEGAUX, 0 },
  { "pls", W_NEGAUX, 0 },
  { "chase", W_PATIENT, 0 }, { "review", W_PATIENT, 0 },
  { "handover", W_PATIENT | W_CLIN | W_INITCUE, 0 }, { "family", W_PATIENT, 0 },
  { "relatives", W_PATIENT, 0 }, { "nok", W_PATIENT, 0 }, { "bloods", W_PATIENT, 0 },
  { "rip", W_ADMIT | W_INITCUE, 0 }, { "died", W_ADMIT, 0 }, { "attended", W_ADMIT, 0 },
  { "came", W_ADMIT, 0 }, { "brought", W_ADMIT, 0 }, { "passed", W_PASSED, 0 },
  { "away", W_AWAY, 0 },
  { "born", W_BIRTH, 0 }, { "birth", W_BIRTH, 0 }, { "birthday", W_BIRTH, 0 },
  { "never", W_NEG, 0 }, { "dont", W_NEG, 0 }, { "avoid", W_NEG, 0 },
  { "eg", W_NEG | W_ABBR, 0 }, { "example", W_NEG, 0 }, { "such", W_NEG, 0 },
  { "fictional", W_NEG, 0 }, { "fake", W_NEG, 0 }, { "dummy", W_NEG, 0 },
  { "shouldnt", W_NEG, 0 }, { "mustnt", W_NEG, 0 }, { "not", W_NOT, 0 },
  { "do", W_NEGAUX, 0 }, { "does", W_NEGAUX, 0 }, { "should", W_NEGAUX, 0 },
  { "must", W_NEGAUX, 0 },
  { "nhs", W_NHS | W_ACRO, 0 }, { "no", W_NUM | W_ABBR, 0 }, { "number", W_NUM, 0 },
  { "num", W_NUM, 0 }, { "nos", W_NUM, 0 }, { "chi", W_CHI, 0 }, { "h&c", W_HC, 0 },
  { "scotland", W_SCOT, 0 }, { "scottish", W_SCOT, 0 }, { "glasgow", W_SCOT, 0 },
  { "edinburgh", W_SCOT, 0 }, { "aberdeen", W_SCOT, 0 }, { "dundee", W_SCOT, 0 },
  { "inverness", W_SCOT, 0 }, { "belfast", W_NI, 0 }, { "derry", W_NI, 0 },
  { "ulster", W_NI, 0 }, { "hsc", W_NI, 0 }, { "ni", W_NI, 0 },
  { "health", W_HEALTH, 0 }, { "care", W_CARE, 0 },
  { "practice", W_SERV, 0 }, { "reception", W_SERV, 0 }, { "surgery", W_SERV, 0 },
  { "lines", W_SERV, 0 }, { "helpline", W_SERV, 0 }, { "appointments", W_SERV, 0 },
  { "appointment", W_SERV, 0 }, { "switchboard", W_SERV, 0 }, { "111", W_SERV, 0 },
  { "enquiries", W_SERV, 0 }, { "our", W_OUR | W_WARDSTOP, 0 },
  { "in", W_IN | W_WARDSTOP, 0 }, { "his", W_POSS | W_WARDSTOP, 0 },
  { "her", W_POSS | W_WARDSTOP, 0 }, { "their", W_POSS | W_WARDSTOP, 0 },
  { "clinic", W_CLIN, 0 }, { "ed", W_CLIN | W_ACRO, 0 }, { "minors", W_CLIN, 0 },
  { "triage", W_CLIN, 0 }, { "theatre", W_CLIN, 0 }, { "hospital", W_CLIN | T_HOSP, 0 },
  { "a&e", W_CLIN | W_ACRO, 0 }, { "nurse", W_CLIN, 0 },
  { "data", W_EXCL_YR, 0 }, { "survival", W_EXCL_YR, 0 }, { "plan", W_EXCL_YR, 0 },
  { "study", W_EXCL_YR, 0 }, { "follow", W_EXCL_YR, 0 }, { "mortality", W_EXCL_YR, 0 },
  { "risk", W_EXCL_YR, 0 }, { "guideline", W_EXCL_YR, 0 },
  { "mr", T_TITLE | W_ABBR, 1 }, { "mrs", T_TITLE | W_ABBR, 1 }, { "ms", T_TITLE | W_ABBR, 1 },
  { "miss", T_TITLE | T_CAPONLY, 1 }, { "mx", T_TITLE, 1 }, { "master", T_TITLE | T_CAPONLY, 1 },
  { "dr", T_TITLE | W_ABBR | W_CLIN, 2 }, { "prof", T_TITLE | W_ABBR, 2 },
  { "professor", T_TITLE, 2 },
  { "january", T_MONTH, 1 }, { "february", T_MONTH, 2 }, { "march", T_MONTH, 3 },
  { "april", T_MONTH, 4 }, { "may", T_MONTH | T_CAPONLY, 5 }, { "june", T_MONTH, 6 },
  { "july", T_MONTH, 7 }, { "august", T_MONTH, 8 }, { "september", T_MONTH, 9 },
  { "october", T_MONTH, 10 }, { "november", T_MONTH, 11 }, { "december", T_MONTH, 12 },
  { "jan", T_MONTH | T_CAPONLY, 1 }, { "feb", T_MONTH | T_CAPONLY, 2 },
  { "mar", T_MONTH | T_CAPONLY, 3 }, { "apr", T_MONTH | T_CAPONLY, 4 },
  { "jun", T_MONTH | T_CAPONLY, 6 }, { "jul", T_MONTH | T_CAPONLY, 7 },
  { "aug", T_MONTH | T_CAPONLY, 8 }, { "sep", T_MONTH | T_CAPONLY, 9 },
  { "sept", T_MONTH | T_CAPONLY, 9 }, { "oct", T_MONTH | T_CAPONLY, 10 },
  { "nov", T_MONTH | T_CAPONLY, 11 }, { "dec", T_MONTH | T_CAPONLY, 12 },
  { "teens", T_BAND, 13 }, { "twenties", T_BAND, 20 }, { "thirties", T_BAND, 30 },
  { "forties", T_BAND, 40 }, { "fifties", T_BAND, 50 }, { "sixties", T_BAND, 60 },
  { "seventies", T_BAND, 70 }, { "eighties", T_BAND, 80 }, { "nineties", T_BAND, 90 },
  { "late", T_MOD, 7 }, { "early", T_MOD, 0 }, { "mid", T_MOD, 4 },
  { "elderly", T_AGEWORD, -1 }, { "teenage", T_AGEWORD, 13 }, { "toddler", T_AGEWORD, 1 },
  { "newborn", T_AGEWORD, 0 }, { "aged", T_AGED, 0 }, { "of", T_OF, 0 },
  { "hosp", T_HOSP | W_ABBR, 0 }, { "unit", T_HOSP, 0 }, { "mrn", T_HOSP, 0 },
  { "rn", T_HOSP | T_CAPONLY, 0 }, { "k", T_HOSP | T_CAPONLY, 0 },
  { "postcode", T_PCODE, 0 },
  { "the", W_WARDSTOP, 0 }, { "a", W_WARDSTOP, 0 }, { "this", W_WARDSTOP, 0 },
  { "that", W_WARDSTOP, 0 }, { "my", W_WARDSTOP, 0 }, { "on", W_WARDSTOP, 0 },
  { "each", W_WARDSTOP, 0 }, { "every", W_WARDSTOP, 0 }, { "any", W_WARDSTOP, 0 },
  { "same", W_WARDSTOP, 0 }, { "covid", W_WARDSTOP, 0 }, { "medical", W_WARDSTOP, 0 },
  { "surgical", W_WARDSTOP, 0 }, { "busy", W_WARDSTOP, 0 }, { "to", W_WARDSTOP, 0 },
  { "st", W_ABBR, 0 }, { "ie", W_ABBR, 0 }, { "vs", W_ABBR, 0 }, { "approx", W_ABBR, 0 },
  /* Acronyms that look like initials. */
  { "gp", W_ACRO, 0 }, { "icu", W_ACRO, 0 }, { "mri", W_ACRO, 0 }, { "ct", W_ACRO, 0 },
  { "ecg", W_ACRO, 0 }, { "nbm", W_ACRO, 0 }, { "uti", W_ACRO, 0 }, { "aki", W_ACRO, 0 },
  { "ckd", W_ACRO, 0 }, { "rtc", W_ACRO, 0 }, { "hgv", W_ACRO, 0 }, { "mp", W_ACRO, 0 },
  { "uk", W_ACRO, 0 }, { "pa", W_ACRO, 0 }, { "fy", W_ACRO, 0 }, { "sho", W_ACRO, 0 },
  { "spr", W_ACRO, 0 }, { "cpr", W_ACRO, 0 }, { "iv", W_ACRO, 0 }, { "bp", W_ACRO, 0 },
  { "hr", W_ACRO, 0 }, { "ok", W_ACRO, 0 }, { "tv", W_ACRO, 0 }, { "dm", W_ACRO, 0 },
  { "af", W_ACRO, 0 }, { "mi", W_ACRO, 0 }, { "pe", W_ACRO, 0 }, { "dvt", W_ACRO, 0 },
  { "ae", W_ACRO, 0 }, { "sob", W_ACRO, 0 }, { "cxr", W_ACRO, 0 }, { "gcs", W_ACRO, 0 },
  { "abg", W_ACRO, 0 }, { "vbg", W_ACRO, 0 }, { "crp", W_ACRO, 0 }, { "fbc", W_ACRO, 0 },
  { "ue", W_ACRO, 0 }, { "lft", W_ACRO, 0 }, { "ctpa", W_ACRO, 0 }, { "dka", W_ACRO, 0 },
  { "ugi", W_ACRO, 0 }, { "gi", W_ACRO, 0 }, { "ent", W_ACRO, 0 }, { "ot", W_ACRO, 0 },
  { "pt", W_ACRO, 0 }, { "dnr", W_ACRO, 0 }, { "tia", W_ACRO, 0 }, { "cva", W_ACRO, 0 },
  { "ppe", W_ACRO, 0 }, { "itu", W_ACRO, 0 }, { "hdu", W_ACRO, 0 }, { "amu", W_ACRO, 0 },
  { "sdec", W_ACRO, 0 }, { "ems", W_ACRO, 0 }, { "hems", W_ACRO, 0 }, { "ama", W_ACRO, 0 },
  { "fyi", W_ACRO, 0 }, { "tbc", W_ACRO, 0 }, { "asap", W_ACRO, 0 }, { "us", W_ACRO, 0 },
  { "usa", W_ACRO, 0 }, { "eu", W_ACRO, 0 }, { "who", W_ACRO, 0 }, { "gmc", W_ACRO, 0 },
  { "bma", W_ACRO, 0 }, { "rcp", W_ACRO, 0 }, { "cqc", W_ACRO, 0 }, { "lol", W_ACRO, 0 },
  { "omg", W_ACRO, 0 }, { "am", W_ACRO, 0 }, { "pm", W_ACRO, 0 }, { "an", W_ACRO, 0 },
  { "as", W_ACRO, 0 }, { "at", W_ACRO, 0 }, { "be", W_ACRO, 0 }, { "by", W_ACRO, 0 },
  { "go", W_ACRO, 0 }, { "if", W_ACRO, 0 }, { "is", W_ACRO, 0 }, { "it", W_ACRO, 0 },
  { "me", W_ACRO, 0 }, { "or", W_ACRO, 0 }, { "so", W_ACRO, 0 }, { "up", W_ACRO, 0 },
  { "we", W_ACRO, 0 }, { "and", W_ACRO, 0 }, { "for", W_ACRO, 0 }, { "was", W_ACRO, 0 },
  { "has", W_ACRO, 0 }, { "had", W_ACRO, 0 }, { "did", W_ACRO, 0 }, { "new", W_ACRO, 0 },
  /* Common words written in capitals ("I'M TELLING YOU"): never initials. */
  { "pb", W_ACRO, 0 }, { "ps", W_ACRO, 0 }, { "hq", W_ACRO, 0 }, { "dj", W_ACRO, 0 },
  { "you", W_ACRO, 0 }, { "but", W_ACRO, 0 }, { "are", W_ACRO, 0 }, { "its", W_ACRO, 0 },
  { "him", W_ACRO, 0 }, { "all", W_ACRO, 0 }, { "can", W_ACRO, 0 }, { "get", W_ACRO, 0 },
  { "got", W_ACRO, 0 }, { "how", W_ACRO, 0 }, { "now", W_ACRO, 0 }, { "out", W_ACRO, 0 },
  { "too", W_ACRO, 0 }, { "two", W_ACRO, 0 }, { "one", W_ACRO, 0 }, { "way", W_ACRO, 0 },
  { "why", W_ACRO, 0 }, { "yes", W_ACRO, 0 }, { "off", W_ACRO, 0 }, { "old", W_ACRO, 0 },
  { "see", W_ACRO, 0 }, { "say", W_ACRO, 0 }, { "let", W_ACRO, 0 }, { "lot", W_ACRO, 0 },
  { "few", W_ACRO, 0 }, { "day", W_ACRO, 0 }, { "ago", W_ACRO, 0 }, { "yet", W_ACRO, 0 },
  { "big", W_ACRO, 0 }, { "bad", W_ACRO, 0 }, { "end", W_ACRO, 0 }, { "due", W_ACRO, 0 },
  { "per", W_ACRO, 0 }, { "via", W_ACRO, 0 }, { "use", W_ACRO, 0 }, { "put", W_ACRO, 0 },
  { "set", W_ACRO, 0 }, { "saw", W_ACRO, 0 },
  { "dnacpr", W_ACRO, 0 }, { "copd", W_ACRO, 0 }, { "spf", W_ACRO, 0 }, { "uva", W_ACRO, 0 },
  { "uvb", W_ACRO, 0 }, { "bmi", W_ACRO, 0 }, { "pef", W_ACRO, 0 }, { "fev", W_ACRO, 0 },
  { "egfr", W_ACRO, 0 }, { "news", W_ACRO, 0 }, { "hba1c", W_ACRO, 0 }, { "psa", W_ACRO, 0 },
  { "htn", W_ACRO, 0 }, { "ihd", W_ACRO, 0 }, { "ccf", W_ACRO, 0 }, { "chf", W_ACRO, 0 },
  { "lrti", W_ACRO, 0 }, { "urti", W_ACRO, 0 }, { "pd", W_ACRO, 0 }, { "ra", W_ACRO, 0 },
  { "oa", W_ACRO, 0 }, { "sle", W_ACRO, 0 }, { "hiv", W_ACRO, 0 }, { "tb", W_ACRO, 0 },
  { "mrsa", W_ACRO, 0 }, { "dnar", W_ACRO, 0 }, { "abx", W_ACRO, 0 }, { "po", W_ACRO, 0 },
  { "im", W_ACRO, 0 }, { "sc", W_ACRO, 0 }, { "prn", W_ACRO, 0 }, { "od", W_ACRO, 0 },
  { "bd", W_ACRO, 0 }, { "tds", W_ACRO, 0 }, { "qds", W_ACRO, 0 }, { "nad", W_ACRO, 0 },
  { "cp", W_ACRO, 0 }, { "ibs", W_ACRO, 0 }, { "ibd", W_ACRO, 0 }, { "gord", W_ACRO, 0 },
  { "ards", W_ACRO, 0 }, { "aaa", W_ACRO, 0 }, { "acs", W_ACRO, 0 }, { "pci", W_ACRO, 0 },
  { "cabg", W_ACRO, 0 }, { "avr", W_ACRO, 0 }, { "eeg", W_ACRO, 0 }, { "pet", W_ACRO, 0 },
  { "xr", W_ACRO, 0 }, { "axr", W_ACRO, 0 }, { "lp", W_ACRO, 0 }, { "ng", W_ACRO, 0 },
  { "ngt", W_ACRO, 0 }, { "peg", W_ACRO, 0 }, { "tpn", W_ACRO, 0 }, { "ogd", W_ACRO, 0 },
  { "ercp", W_ACRO, 0 }, { "mrcp", W_ACRO, 0 }, { "tkr", W_ACRO, 0 }, { "thr", W_ACRO, 0 },
  { "orif", W_ACRO, 0 }, { "op", W_ACRO, 0 }, { "pod", W_ACRO, 0 }, { "ccu", W_ACRO, 0 },
  { "cdu", W_ACRO, 0 }, { "sau", W_ACRO, 0 }, { "mau", W_ACRO, 0 }, { "gcse", W_ACRO, 0 },
  { "nice", W_ACRO, 0 }, { "rcn", W_ACRO, 0 }, { "rcgp", W_ACRO, 0 }, { "ics", W_ACRO, 0 },
  { "hcp", W_ACRO, 0 }, { "hca", W_ACRO, 0 }, { "anp", W_ACRO, 0 }, { "acp", W_ACRO, 0 },
  /* Treatments and conditions written in capitals ("ECT saved my life"). */
  { "ect", W_ACRO, 0 }, { "ecmo", W_ACRO, 0 }, { "ivf", W_ACRO, 0 }, { "ocd", W_ACRO, 0 },
  { "ptsd", W_ACRO, 0 }, { "adhd", W_ACRO, 0 }, { "cbt", W_ACRO, 0 }, { "mnd", W_ACRO, 0 },
  { "pots", W_ACRO, 0 }, { "pcos", W_ACRO, 0 }, { "hrt", W_ACRO, 0 }, { "rsv", W_ACRO, 0 },
  { "fy1", W_ACRO, 0 }, { "fy2", W_ACRO, 0 }, { "ct1", W_ACRO, 0 }, { "st3", W_ACRO, 0 },
  { "cct", W_ACRO, 0 }, { "mdt", W_ACRO, 0 }, { "ooh", W_ACRO, 0 }, { "ipa", W_ACRO, 0 },
  { "sdm", W_ACRO, 0 }, { "tto", W_ACRO, 0 }, { "ttos", W_ACRO, 0 }, { "dol", W_ACRO, 0 },
  { "nkda", W_ACRO, 0 }, { "sats", W_ACRO, 0 }, { "obs", W_ACRO, 0 }, { "pmh", W_ACRO, 0 },
  { "hpc", W_ACRO, 0 }, { "dh", W_ACRO, 0 }, { "sh", W_ACRO, 0 }, { "fh", W_ACRO, 0 },
  { "rv", W_ACRO, 0 }, { "lv", W_ACRO, 0 }, { "ef", W_ACRO, 0 }, { "svt", W_ACRO, 0 },
  { "vt", W_ACRO, 0 }, { "vf", W_ACRO, 0 }, { "mdm", W_ACRO, 0 }, { "pr", W_ACRO, 0 },
  { "cvs", W_ACRO, 0 },
};

/* Open-addressing hash of the table, built once. Several entries may share a word ("pt"):
 * their classes are merged, so a lookup is one probe sequence and one memcmp. */
static inline guchar
to_lower_ascii (guchar c)
{
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

#define HASH_SIZE 1024
typedef struct {
  const char *w;
  guint8      len;
  guint64     cls;
  gint        val;
} Slot;

static Slot hash_slots[HASH_SIZE];
static GOnce hash_once = G_ONCE_INIT;

/* Byte classes for the hot loop: one load instead of a chain of range compares. */
enum { C_ALNUM = 1, C_SPECIAL = 2 };
static guint8 byte_class[256];
/* Bit L of trigger_lengths[first * 27 + second] is set when some trigger word starts with
 * those two letters (second 26: none) and has length L, so that frequent words ("with",
 * "for", "and") skip the hash lookup entirely. */
static guint16 trigger_lengths[26 * 27];

static inline guint
trigger_key (guchar first, guchar second)
{
  second = to_lower_ascii (second);
  return (guint) (to_lower_ascii (first) - 'a') * 27 +
         (second >= 'a' && second <= 'z' ? second - 'a' : 26);
}

#define T_ANY (T_TITLE | T_MONTH | T_LOC | T_BAND | T_AGEWORD | T_AGED | T_HOSP | T_OF | \
               T_PCODE)

static inline guint32
hash_step (guint32 h, guchar c)
{
  return (h ^ c) * 16777619u;
}

static gpointer
build_hash (gpointer data)
{
  (void) data;
  for (guint c = 0; c < 256; c++)
    byte_class[c] = g_ascii_isalnum ((gchar) c) ? C_ALNUM :
                    (c == '@' || c == '+' || c == '(') ? C_SPECIAL : 0;
  for (gsize k = 0; k < G_N_ELEMENTS (entries); k++)
    {
      const char *w = entries[k].w;
      gsize len = strlen (w);
      guint32 h = 2166136261u;

      if ((entries[k].cls & T_ANY) && len < 16)
        trigger_lengths[trigger_key ((guchar) w[0], (guchar) w[1])] |= 1u << len;

      for (gsize j = 0; j < len; j++)
        h = hash_step (h, (guchar) w[j]);
      for (guint p = h & (HASH_SIZE - 1);; p = (p + 1) & (HASH_SIZE - 1))
        {
          Slot *s = &hash_slots[p];

          if (s->w == NULL)
            {
              s->w = w;
              s->len = (guint8) len;
              s->cls = entries[k].cls;
              s->val = entries[k].val;
              break;
            }
          if (s->len == len && memcmp (s->w, w, len) == 0)
            {
              s->cls |= entries[k].cls;
              if (s->val == 0)
                s->val = entries[k].val;
              break;
            }
        }
    }
  return NULL;
}


static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_upper (guchar c)
{
  return c >= 'A' && c <= 'Z';
}

static inline gboolean
is_lower (guchar c)
{
  return c >= 'a' && c <= 'z';
}

static inline gboolean
is_alpha (guchar c)
{
  return is_upper (c) || is_lower (c);
}

static inline gboolean
is_alnum (guchar c)
{
  return is_alpha (c) || is_digit (c);
}

static inline guchar
to_lower (guchar c)
{
  return is_upper (c) ? c + 32 : c;
}

/* Looks up a word, folding case and dropping '.', '\'' and U+2019 so that "D.O.B", "e.g."
 * and "don’t" find "dob", "eg" and "dont". */
static const Slot *
lookup (const char *t, gsize s, gsize e)
{
  char buf[16];
  gsize len = 0;
  guint32 h = 2166136261u;

  for (gsize j = s; j < e; j++)
    {
      guchar c = (guchar) t[j];

      if (c == '.' || c == '\'')
        continue;
      if (c == 0xE2 && j + 2 < e && (guchar) t[j + 1] == 0x80 && (guchar) t[j + 2] == 0x99)
        {
          j += 2;
          continue;
        }
      if (len == sizeof buf)
        return NULL;
      c = to_lower (c);
      buf[len++] = (char) c;
      h = hash_step (h, c);
    }
  if (len == 0)
    return NULL;
  for (guint p = h & (HASH_SIZE - 1);; p = (p + 1) & (HASH_SIZE - 1))
    {
      const Slot *sl = &hash_slots[p];

      if (sl->w == NULL)
        return NULL;
      if (sl->len == len && memcmp (sl->w, buf, len) == 0)
        return sl;
    }
}

static inline guint64
classes (const char *t, gsize s, gsize e)
{
  const Slot *sl = lookup (t, s, e);
  return sl != NULL ? sl->cls : 0;
}

typedef struct {
  const char *t;
  gsize       n;
  GArray     *out;
} Scan;

/* ---- context words ---- */

typedef struct {
  gsize   s, e;
  guint64 cls;
  guint   sentences; /* sentence breaks between the anchor and this word */
} Word;

#define MAX_CTX 14

static inline gboolean
ctx_char (const char *t, gsize n, gsize j)
{
  guchar c = (guchar) t[j];

  if (is_alnum (c) || c == '&')
    return TRUE;
  /* Joiners inside a word: "e.g", "D.O.B", "don't", "don’t" (E2 80 99). */
  if ((c == '.' || c == '\'') && j > 0 && j + 1 < n && is_alnum ((guchar) t[j - 1]) &&
      is_alnum ((guchar) t[j + 1]))
    return TRUE;
  if (c >= 0x80 && j > 0 && j + 1 < n)
    {
      gsize a = j;

      while (a > 0 && (guchar) t[a] >= 0x80 && (guchar) t[a] < 0xC0)
        a--;
      return a > 0 && a + 3 < n && (guchar) t[a] == 0xE2 && (guchar) t[a + 1] == 0x80 &&
             (guchar) t[a + 2] == 0x99 && is_alpha ((guchar) t[a - 1]) &&
             is_alpha ((guchar) t[a + 3]);
    }
  return FALSE;
}

/* Whether the gap [a, b) between two words ends a sentence. @prev_cls is the class of the
 * word before the gap: "no." and "e.g." do not end one. */
static gboolean
gap_breaks (const char *t, gsize a, gsize b, guint64 prev_cls, gsize ps, gsize pe)
{
  /* A dotted token ("D.O.B", "e.g") is an abbreviation, so its final dot is too. */
  gboolean abbr = (prev_cls & W_ABBR) || pe - ps <= 1 || memchr (t + ps, '.', pe - ps) != NULL;

  for (gsize j = a; j < b; j++)
    {
      guchar c = (guchar) t[j];

      if (c == '!' || c == '?' || c == ';' || c == '\n')
        return TRUE;
      if (c == '.' && !abbr)
        return TRUE;
    }
  return FALSE;
}

static guint
collect_back (const Scan *sc, gsize pos, guint max, Word *w)
{
  const char *t = sc->t;
  guint k = 0, sent = 0;
  gsize gap_end = pos;

  while (k < max && pos > 0)
    {
      gsize e = pos, s;

      while (e > 0 && !ctx_char (t, sc->n, e - 1))
        e--;
      if (e == 0)
        break;
      s = e;
      while (s > 0 && ctx_char (t, sc->n, s - 1))
        s--;
      w[k].s = s;
      w[k].e = e;
      w[k].cls = classes (t, s, e);
      if (gap_breaks (t, e, gap_end, w[k].cls, s, e))
        sent++;
      w[k].sentences = sent;
      k++;
      gap_end = s;
      pos = s;
    }
  return k;
}

static guint
collect_fwd (const Scan *sc, gsize pos, guint max, Word *w)
{
  const char *t = sc->t;
  guint k = 0, sent = 0;
  guint64 prev_cls = 0;
  gsize ps = 0, pe = 0;

  while (k < max && pos < sc->n)
    {
      gsize s = pos, e;

      while (s < sc->n && !ctx_char (t, sc->n, s))
        s++;
      if (s >= sc->n)
        break;
      e = s;
      while (e < sc->n && ctx_char (t, sc->n, e))
        e++;
      if (k > 0 && gap_breaks (t, pos, s, prev_cls, ps, pe))
        sent++;
      w[k].s = s;
      w[k].e = e;
      w[k].cls = classes (t, s, e);
      w[k].sentences = sent;
      prev_cls = w[k].cls;
      ps = s;
      pe = e;
      k++;
      pos = e;
    }
  return k;
}

/* OR of classes of up to @nw words, optionally stopping at a sentence break. */
static guint64
mask_of (const Word *w, guint count, guint nw, gboolean same_sentence)
{
  guint64 m = 0;

  for (guint k = 0; k < count && k < nw; k++)
    {
      if (same_sentence && w[k].sentences > 0)
        break;
      m |= w[k].cls;
    }
  return m;
}

static gboolean
negated_before (const Scan *sc, gsize start)
{
  Word w[MAX_CTX];
  guint c = collect_back (sc, start, 12, w);

  for (guint k = 0; k < c && w[k].sentences == 0; k++)
    {
      if (w[k].cls & W_NEG)
        return TRUE;
      /* "do not", "please don't", "must not" */
      if ((w[k].cls & W_NOT) && k + 1 < c && (w[k + 1].cls & W_NEGAUX))
        return TRUE;
    }
  return FALSE;
}

static gboolean
patient_context (const Scan *sc, gsize start, gsize end)
{
  Word w[MAX_CTX];
  guint c = collect_back (sc, start, 12, w);

  if (mask_of (w, c, 12, FALSE) & W_PATIENT)
    return TRUE;
  c = collect_fwd (sc, end, 12, w);
  return (mask_of (w, c, 12, FALSE) & W_PATIENT) != 0;
}

static gboolean
service_context (const Scan *sc, gsize start, gsize end)
{
  Word b[MAX_CTX], f[MAX_CTX];
  guint cb = collect_back (sc, start, 8, b), cf = collect_fwd (sc, end, 8, f);

  if ((mask_of (b, cb, 8, TRUE) | mask_of (f, cf, 8, TRUE)) & W_SERV)
    return TRUE;
  /* "our number is", "our main line" */
  for (guint k = 1; k < cb && b[k].sentences == 0; k++)
    if ((b[k].cls & W_OUR) && (b[k - 1].cls & W_NUM))
      return TRUE;
  return FALSE;
}

static void
emit (Scan *sc, SgIdentifierKind kind, guint flags, gsize s, gsize e, gint value)
{
  SgIdentifier id = { kind, (SgIdentifierFlags) flags, s, e, value };

  g_array_append_val (sc->out, id);
}

static inline gboolean
boundary_before (const Scan *sc, gsize i)
{
  return i == 0 || !is_alnum ((guchar) sc->t[i - 1]);
}

static inline gboolean
boundary_after (const Scan *sc, gsize i)
{
  return i >= sc->n || !is_alnum ((guchar) sc->t[i]);
}

/* Reads up to @max digits at @i; returns the count, value in *v. */
static guint
read_digits (const Scan *sc, gsize i, guint max, gint *v)
{
  guint k = 0;
  gint val = 0;

  /* Only the first 9 digits go into the value; callers want short numbers' values and
   * long runs' lengths. */
  while (i + k < sc->n && k < max && is_digit ((guchar) sc->t[i + k]))
    {
      if (k < 9)
        val = val * 10 + (sc->t[i + k] - '0');
      k++;
    }
  *v = val;
  return k;
}

static gboolean
ci_word (const Scan *sc, gsize i, const char *w)
{
  gsize len = strlen (w);

  if (i + len > sc->n)
    return FALSE;
  for (gsize k = 0; k < len; k++)
    if (to_lower ((guchar) sc->t[i + k]) != (guchar) w[k])
      return FALSE;
  return boundary_after (sc, i + len);
}

static inline gsize
skip_spaces (const Scan *sc, gsize i, guint max)
{
  guint k = 0;

  while (i < sc->n && k < max && (sc->t[i] == ' ' || sc->t[i] == '\t'))
    i++, k++;
  return i;
}

static inline gsize
word_end (const Scan *sc, gsize i)
{
  while (i < sc->n && is_alnum ((guchar) sc->t[i]))
    i++;
  return i;
}

static inline gsize
word_end_fast (const Scan *sc, gsize i)
{
  const guchar *t = (const guchar *) sc->t;

  while (i < sc->n && byte_class[t[i]] == C_ALNUM)
    i++;
  return i;
}

gboolean
sg_identifiers_nhs_checksum (const char digits[10])
{
  gint sum = 0, check;

  for (guint k = 0; k < 10; k++)
    if (!is_digit ((guchar) digits[k]))
      return FALSE;
  for (guint k = 0; k < 9; k++)
    sum += (digits[k] - '0') * (gint) (10 - k);
  check = 11 - sum % 11;
  if (check == 11)
    check = 0;
  if (check == 10)
    return FALSE;
  return check == digits[9] - '0';
}

static gboolean
valid_date (gint d, gint m, gint y)
{
  static const guint8 days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
    return FALSE;
  if (m == 2 && d == 29 && y > 0 && !g_date_is_leap_year ((GDateYear) y))
    return FALSE;
  return TRUE;
}

static guint
neg_flag (const Scan *sc, gsize start)
{
  return negated_before (sc, start) ? SG_IDENTIFIER_FLAG_NEGATED : 0;
}

static guint
ctx_flag (const Scan *sc, gsize start, gsize end)
{
  return patient_context (sc, start, end) ? SG_IDENTIFIER_FLAG_PATIENT_CONTEXT : 0;
}

/* ---- NHS / CHI / H&C numbers ---- */

static gsize
try_nhs (Scan *sc, gsize i)
{
  const char *t = sc->t;
  char d[10];
  gsize end;
  gint v;
  guint r = read_digits (sc, i, 11, &v), flags, cue_kind = SG_IDENTIFIER_NHS_NUMBER;
  gboolean cue = FALSE, valid;
  Word w[MAX_CTX];
  guint c;

  if (i > 0 && (t[i - 1] == '+' || (t[i - 1] == '-' && i > 1 && is_digit ((guchar) t[i - 2]))))
    return 0;
  if (r == 10)
    {
      memcpy (d, t + i, 10);
      end = i + 10;
    }
  else if (r == 3 && i + 12 <= sc->n && (t[i + 3] == ' ' || t[i + 3] == '-'))
    {
      char sep = t[i + 3];

      if (read_digits (sc, i + 4, 4, &v) != 3 || t[i + 7] != sep ||
          read_digits (sc, i + 8, 5, &v) != 4)
        return 0;
      memcpy (d, t + i, 3);
      memcpy (d + 3, t + i + 4, 3);
      memcpy (d + 6, t + i + 8, 4);
      end = i + 12;
    }
  else
    return 0;
  if (!boundary_after (sc, end) ||
      (end + 1 < sc->n && strchr ("/.-", t[end]) != NULL && t[end] != 0 &&
       is_digit ((guchar) t[end + 1])))
    return 0;

  c = collect_back (sc, i, 5, w);
  for (guint k = 0; k < c && k < 4 && w[k].sentences == 0; k++)
    {
      if (w[k].cls & (W_NHS | W_CHI | W_HC))
        {
          cue = TRUE;
          if (w[k].cls & W_CHI)
            cue_kind = SG_IDENTIFIER_CHI_NUMBER;
          else if (w[k].cls & W_HC)
            cue_kind = SG_IDENTIFIER_HC_NUMBER;
          break;
        }
      /* "health and care number" */
      if ((w[k].cls & W_CARE) && k + 2 < c && (w[k + 2].cls & W_HEALTH))
        {
          cue = TRUE;
          cue_kind = SG_IDENTIFIER_HC_NUMBER;
          break;
        }
    }
  if (!cue)
    {
      /* No cue before: "943 476 5919 (NHS)" names it after; a Scottish or Northern Irish
       * setting still names the scheme. */
      guint64 m = mask_of (w, c, 5, FALSE);
      guint cf = collect_fwd (sc, end, 8, w);

      if (mask_of (w, cf, 2, TRUE) & W_NHS)
        cue = TRUE;
      m |= mask_of (w, cf, 8, FALSE);
      if (m & W_SCOT)
        cue_kind = SG_IDENTIFIER_CHI_NUMBER;
      else if (m & W_NI)
        cue_kind = SG_IDENTIFIER_HC_NUMBER;
    }
  if (cue_kind == SG_IDENTIFIER_CHI_NUMBER)
    {
      gint dd = (d[0] - '0') * 10 + d[1] - '0', mm = (d[2] - '0') * 10 + d[3] - '0';

      if (!valid_date (dd, mm, 0))
        cue_kind = SG_IDENTIFIER_NHS_NUMBER;
    }
  valid = sg_identifiers_nhs_checksum (d);
  flags = valid ? SG_IDENTIFIER_FLAG_CHECKSUM_VALID : SG_IDENTIFIER_FLAG_CHECKSUM_FAILS;
  if (cue)
    flags |= SG_IDENTIFIER_FLAG_CUE;
  flags |= ctx_flag (sc, i, end);
  /* A bare number failing mod 11 is far more likely a count or a reference. */
  if (!valid && !(flags & (SG_IDENTIFIER_FLAG_CUE | SG_IDENTIFIER_FLAG_PATIENT_CONTEXT)))
    return 0;
  emit (sc, cue_kind, flags | neg_flag (sc, i), i, end, 0);
  return end;
}

/* ---- phone numbers ---- */

/* Digit groups separated by one space or hyphen, each of at least 3 digits, up to @want
 * digits in total. Returns the end offset, 0 when it does not add up. */
static gsize
phone_groups (const Scan *sc, gsize p, guint want, guint *total)
{
  const char *t = sc->t;
  gint v;

  *total = 0;
  for (;;)
    {
      guint r = read_digits (sc, p, 12, &v);

      if (r < 2 || *total + r > want)
        return 0;
      *total += r;
      p += r;
      if (*total == want)
        break;
      if (p + 1 < sc->n && (t[p] == ' ' || t[p] == '-') && is_digit ((guchar) t[p + 1]))
        p++;
      else
        break;
    }
  return boundary_after (sc, p) ? p : 0;
}

static void
emit_phone (Scan *sc, gsize s, gsize e)
{
  guint flags = ctx_flag (sc, s, e) | neg_flag (sc, s);

  if (service_context (sc, s, e))
    flags |= SG_IDENTIFIER_FLAG_PUBLIC_SERVICE;
  emit (sc, SG_IDENTIFIER_PHONE, flags, s, e, 0);
}

static gsize
try_phone (Scan *sc, gsize i)
{
  const char *t = sc->t;
  guint total;
  gsize e;

  if (i + 1 >= sc->n || t[i] != '0' || strchr ("12378", t[i + 1]) == NULL || t[i + 1] == 0)
    return 0;
  if (i > 0 && (t[i - 1] == '/' || t[i - 1] == '.' || t[i - 1] == ':'))
    return 0;
  e = phone_groups (sc, i, 11, &total);
  if (e == 0 || (total != 11 && !(total == 10 && t[i + 1] == '1')))
    return 0;
  emit_phone (sc, i, e);
  return e;
}

/* "+44 7700 900412", "+44 (0)113 496 0871" */
static gsize
try_phone_intl (Scan *sc, gsize i)
{
  const char *t = sc->t;
  gsize p = i + 3, e;
  guint total;

  if (i + 4 >= sc->n || t[i + 1] != '4' || t[i + 2] != '4')
    return 0;
  p = skip_spaces (sc, p, 1);
  if (p + 3 < sc->n && t[p] == '(' && t[p + 1] == '0' && t[p + 2] == ')')
    p = skip_spaces (sc, p + 3, 1);
  if (p >= sc->n || strchr ("12378", t[p]) == NULL || t[p] == 0)
    return 0;
  e = phone_groups (sc, p, 10, &total);
  if (e == 0 || total < 9)
    return 0;
  emit_phone (sc, i, e);
  return e;
}

/* "(0113) 496 0871" */
static gsize
try_phone_paren (Scan *sc, gsize i)
{
  const char *t = sc->t;
  gint v;
  guint r = read_digits (sc, i + 1, 6, &v), total;
  gsize p = i + 1 + r, e;

  if (r < 3 || t[i + 1] != '0' || p + 2 >= sc->n || t[p] != ')')
    return 0;
  p = skip_spaces (sc, p + 1, 1);
  e = phone_groups (sc, p, 11 - r, &total);
  if (e == 0 || (r + total != 11 && r + total != 10))
    return 0;
  emit_phone (sc, i, e);
  return e;
}

/* ---- dates ---- */

static guint
date_flags (const Scan *sc, gsize s, gsize e)
{
  Word b[MAX_CTX], f[MAX_CTX];
  guint cb = collect_back (sc, s, 8, b), cf = collect_fwd (sc, e, 8, f), flags = 0;

  if (mask_of (b, cb, 4, TRUE) & W_BIRTH)
    flags |= SG_IDENTIFIER_FLAG_BIRTH;
  if ((mask_of (b, cb, 8, TRUE) | mask_of (f, cf, 8, TRUE)) & W_ADMIT)
    flags |= SG_IDENTIFIER_FLAG_ADMISSION;
  /* "passed away" on either side */
  for (guint k = 1; k < cb && b[k].sentences == 0; k++)
    if ((b[k].cls & W_PASSED) && (b[k - 1].cls & W_AWAY))
      flags |= SG_IDENTIFIER_FLAG_ADMISSION;
  for (guint k = 0; k + 1 < cf && f[k + 1].sentences == 0; k++)
    if ((f[k].cls & W_PASSED) && (f[k + 1].cls & W_AWAY))
      flags |= SG_IDENTIFIER_FLAG_ADMISSION;
  return flags | ctx_flag (sc, s, e) | neg_flag (sc, s);
}

static gint
full_year (gint y, guint ndigits)
{
  if (ndigits == 4)
    return y;
  return y <= 30 ? 2000 + y : 1900 + y;
}

/* "12/03/1957", "12.03.57", "2019-03-12" */
static gsize
try_date_numeric (Scan *sc, gsize i)
{
  const char *t = sc->t;
  gint a, b, c;
  guint ra = read_digits (sc, i, 5, &a), rb, rc;
  gsize p = i + ra, e;
  char sep;

  if (p + 1 >= sc->n || (t[p] != '/' && t[p] != '.' && t[p] != '-'))
    return 0;
  sep = t[p];
  rb = read_digits (sc, p + 1, 3, &b);
  p += 1 + rb;
  if (rb < 1 || rb > 2 || p + 1 >= sc->n || t[p] != sep)
    return 0;
  rc = read_digits (sc, p + 1, 5, &c);
  e = p + 1 + rc;
  if (!boundary_after (sc, e) ||
      (e + 1 < sc->n && (t[e] == sep || t[e] == '/') && is_digit ((guchar) t[e + 1])))
    return 0;
  if (ra == 4 && (rc == 1 || rc == 2) && rb == 2 && valid_date (c, b, a))
    {
      emit (sc, SG_IDENTIFIER_DATE, date_flags (sc, i, e), i, e, a);
      return e;
    }
  if (ra > 2 || (rc != 2 && rc != 4) || !valid_date (a, b, full_year (c, rc)))
    return 0;
  emit (sc, SG_IDENTIFIER_DATE, date_flags (sc, i, e), i, e, full_year (c, rc));
  return e;
}

/* Month word at [s, e); checks capitalisation for the ambiguous ones. Returns 1..12 or 0. */
static gint
month_at (const Scan *sc, gsize s, gsize e)
{
  const Slot *sl = lookup (sc->t, s, e);

  if (sl == NULL || !(sl->cls & T_MONTH))
    return 0;
  if ((sl->cls & T_CAPONLY) && !is_upper ((guchar) sc->t[s]))
    return 0;
  return sl->val;
}

/* Optional ", 2019" / " 2019" after a day and month. */
static gsize
year_after (const Scan *sc, gsize p, gint *year)
{
  gsize q = p;
  gint y;

  if (q < sc->n && sc->t[q] == ',')
    q++;
  q = skip_spaces (sc, q, 1);
  if (q > p && read_digits (sc, q, 5, &y) == 4 && boundary_after (sc, q + 4) &&
      y >= 1850 && y <= 2100)
    {
      *year = y;
      return q + 4;
    }
  return p;
}

static gboolean
ordinal_suffix (const Scan *sc, gsize s, gsize e)
{
  if (e - s != 2)
    return FALSE;
  return ci_word (sc, s, "st") || ci_word (sc, s, "nd") || ci_word (sc, s, "rd") ||
         ci_word (sc, s, "th");
}

/* "3 March 1957", "3rd of March", "14 Feb" */
static gsize
try_date_day_first (Scan *sc, gsize i, gsize we)
{
  gint d, m, y = 0;
  guint r = read_digits (sc, i, 3, &d);
  gsize p, me;

  if (r > 2 || (i + r != we && !ordinal_suffix (sc, i + r, we)))
    return 0;
  p = skip_spaces (sc, we, 1);
  if (p == we)
    return 0;
  if (ci_word (sc, p, "of"))
    {
      gsize q = skip_spaces (sc, p + 2, 1);
      if (q == p + 2)
        return 0;
      p = q;
    }
  me = word_end (sc, p);
  if (me == p || (m = month_at (sc, p, me)) == 0 || !valid_date (d, m, 0))
    return 0;
  /* "14 Feb." / "3 Sept." keep their abbreviation dot; "5th June." does not. */
  if (me < sc->n && sc->t[me] == '.' && (me - p == 3 || ci_word (sc, p, "sept")))
    me++;
  me = year_after (sc, me, &y);
  if (y > 0 && !valid_date (d, m, y))
    return 0;
  emit (sc, SG_IDENTIFIER_DATE, date_flags (sc, i, me), i, me, y);
  return me;
}

/* "March 3rd", "March 3, 2019" */
static void
try_date_month_first (Scan *sc, gsize i, gsize we, gint m)
{
  gsize p = skip_spaces (sc, we, 1), de;
  gint d, y = 0;
  guint r;

  if (p == we || p >= sc->n)
    return;
  r = read_digits (sc, p, 3, &d);
  if (r < 1 || r > 2)
    return;
  de = word_end (sc, p);
  if (de != p + r && !ordinal_suffix (sc, p + r, de))
    return;
  if (!valid_date (d, m, 0))
    return;
  de = year_after (sc, de, &y);
  if (y > 0 && !valid_date (d, m, y))
    return;
  emit (sc, SG_IDENTIFIER_DATE, date_flags (sc, i, de), i, de, y);
}

/* ---- ages and age bands ---- */

static gsize
emit_age (Scan *sc, gsize s, gsize e, gint years)
{
  Word f[2];
  guint cf = collect_fwd (sc, e, 1, f);

  /* "10-year-old data", "a 5-year-old guideline" describe things, not people. */
  if (cf == 1 && f[0].sentences == 0 && (f[0].cls & W_EXCL_YR))
    return 0;
  emit (sc, SG_IDENTIFIER_AGE, neg_flag (sc, s), s, e, years);
  return e;
}

/* Band token at [s, e) with lower bound @base; widens the span over "late", "in his". */
static gsize
emit_band (Scan *sc, gsize s, gsize e, gint base, gboolean need_cue)
{
  Word w[4];
  guint c = collect_back (sc, s, 3, w);
  gsize start = s;
  gint value = base;
  gboolean cue = FALSE;

  if (c > 0 && w[0].sentences == 0 && (w[0].cls & T_MOD))
    {
      const Slot *sl = lookup (sc->t, w[0].s, w[0].e);
      gint mod = sl->val;

      /* Teens run 13..19, so "late teens" is 17 rather than 20. */
      if (base == 13)
        mod = mod == 7 ? 4 : mod == 4 ? 2 : 0;
      value = base + mod;
      start = w[0].s;
      cue = TRUE;
      if (c > 2 && (w[1].cls & W_POSS) && (w[2].cls & W_IN) && w[2].sentences == 0)
        start = w[2].s;
    }
  else if (c > 1 && (w[0].cls & W_POSS) && (w[1].cls & W_IN) && w[1].sentences == 0)
    {
      start = w[1].s;
      cue = TRUE;
    }
  else if (mask_of (w, c, 3, TRUE) & W_PERSON)
    cue = TRUE;
  if (need_cue && !cue)
    return 0;
  emit (sc, SG_IDENTIFIER_AGE_BAND, neg_flag (sc, start), start, e, value);
  return e;
}

/* Digit-led ages: "78-year-old", "78 yr old", "6-month-old", "78yo", "78 y/o", "78M",
 * "80s", "80's", "40-something". */
static gsize
try_age (Scan *sc, gsize i, gsize we)
{
  const char *t = sc->t;
  gint v;
  guint r = read_digits (sc, i, 4, &v);
  gsize p = i + r, q, e;

  if (r > 3 || v > 120)
    return 0;
  if (p < we)
    {
      gsize rest = we - p;

      if (rest == 2 && ci_word (sc, p, "yo"))
        return emit_age (sc, i, we, v);
      if (rest == 1 && (t[p] == 'M' || t[p] == 'F') && v > 0)
        return emit_age (sc, i, we, v);
      if (rest == 1 && (t[p] == 'y' || t[p] == 'Y') && we + 1 < sc->n && t[we] == '/' &&
          (t[we + 1] == 'o' || t[we + 1] == 'O') && boundary_after (sc, we + 2))
        return emit_age (sc, i, we + 2, v);
      if (rest == 1 && t[p] == 's' && r == 2 && v % 10 == 0)
        return emit_band (sc, i, we, v, TRUE);
      return 0;
    }
  if (p + 2 < sc->n && t[p] == '\'' && t[p + 1] == 's' && boundary_after (sc, p + 2) &&
      r == 2 && v % 10 == 0)
    return emit_band (sc, i, p + 2, v, TRUE);
  if (p + 1 >= sc->n || (t[p] != '-' && t[p] != ' '))
    return 0;
  q = p + 1;
  e = word_end (sc, q);
  if (t[p] == '-' && r == 2 && v % 10 == 0 && ci_word (sc, q, "something"))
    return emit_band (sc, i, e, v, FALSE);
  if (t[p] == ' ' && ci_word (sc, q, "yo"))
    return emit_age (sc, i, e, v);
  if (t[p] == ' ' && e == q + 1 && (t[q] == 'y' || t[q] == 'Y') && e + 1 < sc->n &&
      t[e] == '/' && (t[e + 1] == 'o' || t[e + 1] == 'O') && boundary_after (sc, e + 2))
    return emit_age (sc, i, e + 2, v);
  {
    gboolean years = ci_word (sc, q, "year") || ci_word (sc, q, "years") ||
                     ci_word (sc, q, "yr") || ci_word (sc, q, "yrs");
    gboolean small = ci_word (sc, q, "month") || ci_word (sc, q, "week") ||
                     ci_word (sc, q, "day") || ci_word (sc, q, "months") ||
                     ci_word (sc, q, "weeks") || ci_word (sc, q, "days");

    if (!years && !small)
      return 0;
    if (e + 4 > sc->n || (t[e] != '-' && t[e] != ' ') || !ci_word (sc, e + 1, "old"))
      return 0;
    return emit_age (sc, i, e + 4, years ? v : 0);
  }
}

/* Number 0..120 at @p as a whole token; returns its end or 0. */
static gsize
age_number (const Scan *sc, gsize p, gint *v)
{
  guint r = read_digits (sc, p, 4, v);

  if (r == 0 || r > 3 || *v > 120 || !boundary_after (sc, p + r))
    return 0;
  /* "aged 18-65", "aged 16 to 25", "of 5%" are ranges or amounts. */
  if (p + r + 1 < sc->n && (sc->t[p + r] == '-' || sc->t[p + r] == '%' ||
                            sc->t[p + r] == '.') && is_digit ((guchar) sc->t[p + r + 1]))
    return 0;
  if (p + r < sc->n && sc->t[p + r] == '%')
    return 0;
  /* "aged 45 to 50" */
  {
    gsize q = skip_spaces (sc, p + r, 1);
    if (q > p + r && ci_word (sc, q, "to") && q + 3 < sc->n && is_digit ((guchar) sc->t[q + 3]))
      return 0;
  }
  return p + r;
}

/* ---- location units ---- */

static void
try_location (Scan *sc, gsize i, gsize we)
{
  const char *t = sc->t;
  gsize p = skip_spaces (sc, we, 2), e;
  gint v;
  guint r;

  if (ci_word (sc, i, "side"))
    {
      if (p == we || !ci_word (sc, p, "room"))
        return;
      p = skip_spaces (sc, p + 4, 2);
    }
  else if (ci_word (sc, i, "ward") && i >= 2 && t[i - 1] == ' ' && is_alpha ((guchar) t[i - 2]))
    {
      /* "Larch ward": a capitalised name right before, not "the ward" or "Covid ward". */
      gsize s = i - 1;

      while (s > 0 && is_alpha ((guchar) t[s - 1]))
        s--;
      gsize b = s;

      /* A sentence's first word is capitalised anyway ("Quiet ward today"), so there the
       * name needs a capitalised "Ward" too. */
      while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\t' || t[b - 1] == '"'))
        b--;
      if (boundary_before (sc, s) && is_upper ((guchar) t[s]) && i - 1 - s >= 3 &&
          (is_upper ((guchar) t[i]) || (b > 0 && strchr (".!?\n", t[b - 1]) == NULL)) &&
          is_lower ((guchar) t[s + 1]) &&
          !(classes (t, s, i - 1) & (W_WARDSTOP | T_MONTH | T_TITLE | W_PATIENT | W_CLIN)))
        {
          emit (sc, SG_IDENTIFIER_LOCATION_UNIT, neg_flag (sc, s), s, we, 0);
          return;
        }
    }
  if (p == we && !ci_word (sc, i, "side"))
    return;
  r = read_digits (sc, p, 4, &v);
  if (r == 0 || r > 3)
    return;
  e = p + r;
  if (e < sc->n && is_alpha ((guchar) t[e]) && boundary_after (sc, e + 1))
    e++;
  if (!boundary_after (sc, e))
    return;
  /* "bed 7.5 hours" / "bay 3/4" are not places */
  if (e + 1 < sc->n && (t[e] == '.' || t[e] == '/' || t[e] == ':') &&
      is_digit ((guchar) t[e + 1]))
    return;
  if (ci_word (sc, i, "room"))
    {
      Word b[MAX_CTX], f[MAX_CTX];
      guint cb = collect_back (sc, i, 8, b), cf = collect_fwd (sc, e, 8, f);

      if (!((mask_of (b, cb, 8, FALSE) | mask_of (f, cf, 8, FALSE)) & W_CLIN))
        return;
    }
  emit (sc, SG_IDENTIFIER_LOCATION_UNIT, neg_flag (sc, i), i, e, 0);
}

/* ---- hospital numbers ---- */

static void
try_hospital (Scan *sc, gsize i, gsize we, gboolean need_number_word)
{
  const char *t = sc->t;
  gsize p = skip_spaces (sc, we, 2), e;
  guint digits = 0;

  if (p < sc->n && (ci_word (sc, p, "number") || ci_word (sc, p, "no") ||
                    ci_word (sc, p, "num")))
    p = word_end (sc, p);
  else if (need_number_word)
    return;
  /* ". : # -" and "is" between the cue and the value */
  for (guint k = 0; k < 4 && p < sc->n && strchr (".:#- \t", t[p]) != NULL && t[p] != 0; k++)
    p++;
  if (ci_word (sc, p, "is"))
    p = skip_spaces (sc, p + 2, 2);
  if (p >= sc->n || !is_alnum ((guchar) t[p]))
    return;
  for (e = p; e < sc->n && e - p < 20; e++)
    {
      guchar c = (guchar) t[e];

      if (is_digit (c))
        digits++;
      else if (!(is_alpha (c) || (c == '-' && e + 1 < sc->n && is_alnum ((guchar) t[e + 1]))))
        break;
    }
  if (digits < 5 || !boundary_after (sc, e))
    return;
  emit (sc, SG_IDENTIFIER_HOSPITAL_NUMBER,
        SG_IDENTIFIER_FLAG_CUE | ctx_flag (sc, p, e) | neg_flag (sc, i), p, e, 0);
}

/* ---- names and initials ---- */

static void
try_titled (Scan *sc, gsize i, gsize we, gint value)
{
  const char *t = sc->t;
  gsize p = we, end = 0;

  for (gsize k = i + 1; k < we; k++)
    if (!is_lower ((guchar) t[k]))
      return;
  if (p < sc->n && t[p] == '.')
    p++;
  for (guint n = 0; n < 3; n++)
    {
      gsize q = skip_spaces (sc, p, 1), e;

      if (q == p || q >= sc->n || !is_upper ((guchar) t[q]))
        break;
      /* "Smith-Jones", "O'Neill", "McAdam": letters and inner joiners */
      e = q + 1;
      while (e < sc->n && (is_alpha ((guchar) t[e]) ||
                           ((t[e] == '-' || t[e] == '\'') && e + 1 < sc->n &&
                            is_upper ((guchar) t[e + 1]))))
        e++;
      if (e > q + 1 && !is_lower ((guchar) t[q + 1]) && t[q + 1] != '\'')
        {
          /* "Mr JH": initials in capitals end the name */
          if (e - q <= 3 && is_upper ((guchar) t[q + 1]) && boundary_after (sc, e) &&
              !(classes (t, q, e) & (W_ACRO | W_NHS)))
            end = e;
          break;
        }
      if (e == q + 1)
        {
          /* an initial: "J." or "P" */
          if (!boundary_after (sc, e))
            break;
          end = e;
          p = e < sc->n && t[e] == '.' ? e + 1 : e;
          continue;
        }
      if (!boundary_after (sc, e) || (classes (t, q, e) & (W_WARDSTOP | W_ACRO)))
        break;
      end = e;
      p = e;
    }
  if (end == 0)
    return;
  emit (sc, SG_IDENTIFIER_TITLED_NAME, neg_flag (sc, i), i, end, value);
}

/* An age right after initials: "JT 88", "JT, 88", "JT 88F". *@bare_end is set for a plain
 * number, which is an age only in this position. */
static gboolean
age_follows (const Scan *sc, gsize e, gsize *bare_start, gsize *bare_end)
{
  gsize p = e < sc->n && sc->t[e] == ',' ? e + 1 : e, q = skip_spaces (sc, p, 1), we;
  gint v;
  guint r;

  if (q == p || q >= sc->n)
    return FALSE;
  p = q;
  r = read_digits (sc, p, 4, &v);
  we = word_end (sc, p);
  if (r == 0 || r > 3 || v > 120)
    return FALSE;
  if (we == p + r && age_number (sc, p, &v) == we)
    {
      *bare_start = p;
      *bare_end = we;
      return TRUE;
    }
  return (we == p + r + 1 && (sc->t[p + r] == 'M' || sc->t[p + r] == 'F')) ||
         (we == p + r + 2 && ci_word (sc, p + r, "yo"));
}

static gboolean
is_article (const char *word, gsize len)
{
  static const char * const articles[] = { "a", "an", "the" };

  for (guint k = 0; k < G_N_ELEMENTS (articles); k++)
    if (len == strlen (articles[k]) && g_ascii_strncasecmp (word, articles[k], len) == 0)
      return TRUE;
  return FALSE;
}

static void
try_initials (Scan *sc, gsize i, gsize e)
{
  Word w[4];
  guint c = collect_back (sc, i, 3, w);
  gsize as = 0, ae = 0;
  gboolean age = age_follows (sc, e, &as, &ae);
  guint neg;

  if (!age && !(mask_of (w, c, 3, FALSE) & W_INITCUE))
    return;
  /* "a PC in resus", "nights at the RI": after an article the capitals are a thing or a
   * place (a computer, the Royal Infirmary), never how someone's initials are written. */
  if (c > 0 && w[0].sentences == 0 && is_article (sc->t + w[0].s, w[0].e - w[0].s))
    return;
  neg = neg_flag (sc, i);
  emit (sc, SG_IDENTIFIER_INITIALS, neg, i, e, 0);
  if (ae > as)
    {
      gint years;

      read_digits (sc, as, 3, &years);
      emit (sc, SG_IDENTIFIER_AGE, neg, as, ae, years);
    }
}

/* ---- postcodes ---- */

static gboolean
outward_ok (const char *s, gsize len)
{
  char u[4];

  if (len < 2 || len > 4)
    return FALSE;
  for (gsize k = 0; k < len; k++)
    u[k] = (char) g_ascii_toupper (s[k]);
  if (!is_upper ((guchar) u[0]) || strchr ("QVX", u[0]) != NULL)
    return FALSE;
  if (is_digit ((guchar) u[1]))
    {
      /* A9, A99, A9A */
      if (len == 2)
        return TRUE;
      if (len == 3)
        return is_digit ((guchar) u[2]) || strchr ("ABCDEFGHJKPSTUW", u[2]) != NULL;
      return FALSE;
    }
  if (!is_upper ((guchar) u[1]) || strchr ("IJZ", u[1]) != NULL || !is_digit ((guchar) u[2]))
    return FALSE;
  /* AA9, AA99, AA9A */
  return len == 3 || is_digit ((guchar) u[3]) || strchr ("ABEHMNPRVWXY", u[3]) != NULL;
}

static gboolean
inward_ok (const char *s)
{
  return is_digit ((guchar) s[0]) && is_alpha ((guchar) s[1]) && is_alpha ((guchar) s[2]) &&
         strchr ("CIKMOVcikmov", s[1]) == NULL && strchr ("CIKMOVcikmov", s[2]) == NULL;
}

static gboolean
same_case (const char *s, gsize len)
{
  gboolean up = FALSE, lo = FALSE;

  for (gsize k = 0; k < len; k++)
    up |= is_upper ((guchar) s[k]), lo |= is_lower ((guchar) s[k]);
  return !(up && lo);
}

static void
emit_postcode (Scan *sc, gsize s, gsize e, guint flags)
{
  Word w[3];
  guint c = collect_back (sc, s, 2, w);

  for (guint k = 0; k < c; k++)
    if (w[k].cls & T_PCODE)
      flags |= SG_IDENTIFIER_FLAG_CUE;
  emit (sc, SG_IDENTIFIER_POSTCODE, flags | ctx_flag (sc, s, e) | neg_flag (sc, s), s, e, 0);
}

static void
try_postcode (Scan *sc, gsize i, gsize we)
{
  const char *t = sc->t;
  gsize len = we - i;

  if (len >= 2 && len <= 4 && we + 4 <= sc->n && t[we] == ' ' && outward_ok (t + i, len) &&
      inward_ok (t + we + 1) && boundary_after (sc, we + 4) && same_case (t + i, len + 4))
    emit_postcode (sc, i, we + 4, 0);
  else if (len >= 5 && len <= 7 && outward_ok (t + i, len - 3) && inward_ok (t + we - 3) &&
           same_case (t + i, len))
    emit_postcode (sc, i, we, 0);
}

/* "postcode LS1": an outward code alone only counts after the cue. */
static void
try_postcode_cue (Scan *sc, gsize we)
{
  gsize p = we, e;

  while (p < sc->n && p - we < 3 && (sc->t[p] == ' ' || sc->t[p] == ':'))
    p++;
  e = word_end (sc, p);
  if (e > p && outward_ok (sc->t + p, e - p) && !(e + 4 <= sc->n && sc->t[e] == ' ' &&
                                                  inward_ok (sc->t + e + 1)))
    emit_postcode (sc, p, e, SG_IDENTIFIER_FLAG_CUE);
}

/* ---- handles and e-mail ---- */

static inline gboolean
email_local_char (guchar c)
{
  return is_alnum (c) || (c != 0 && strchr ("._%+-", c) != NULL);
}

static void
try_at (Scan *sc, gsize i)
{
  const char *t = sc->t;
  gsize s = i, e = i + 1, dot = 0;

  while (s > 0 && email_local_char ((guchar) t[s - 1]))
    s--;
  if (s < i)
    {
      /* e-mail: labels of [A-Za-z0-9-] joined by dots, alphabetic TLD of 2+ */
      gsize lab = e;
      while (e < sc->n && (is_alnum ((guchar) t[e]) || t[e] == '-' ||
                           (t[e] == '.' && e > lab && e + 1 < sc->n &&
                            is_alnum ((guchar) t[e + 1]))))
        {
          if (t[e] == '.')
            dot = e, lab = e + 1;
          e++;
        }
      if (dot == 0 || e - dot < 3 || t[s] == '.')
        return;
      for (gsize k = dot + 1; k < e; k++)
        if (!is_alpha ((guchar) t[k]))
          return;
      {
        guint flags = ctx_flag (sc, s, e) | neg_flag (sc, s);

        /* "reception@", "enquiries@" are a service's own mailbox */
        if (service_context (sc, s, e) || (classes (t, s, i) & W_SERV))
          flags |= SG_IDENTIFIER_FLAG_PUBLIC_SERVICE;
        emit (sc, SG_IDENTIFIER_EMAIL, flags, s, e, 0);
      }
      return;
    }
  while (e < sc->n && (is_alnum ((guchar) t[e]) || t[e] == '_' || t[e] == '.'))
    e++;
  while (e > i + 1 && t[e - 1] == '.')
    e--;
  if (e > i + 1 && !(e < sc->n && t[e] == '@'))
    emit (sc, SG_IDENTIFIER_HANDLE, neg_flag (sc, i), i, e, 0);
}

/* ---- driver ---- */

static gsize
scan_digit_word (Scan *sc, gsize i, gsize we)
{
  const char *t = sc->t;
  gsize e, best = 0;

  /* Inside "14:30", "1.5", "120/80", "1,000": not the start of a number. */
  if (i > 1 && strchr ("./:,", t[i - 1]) != NULL && t[i - 1] != 0 &&
      is_digit ((guchar) t[i - 2]))
    return 0;
  if (we - i >= 3 && (e = try_nhs (sc, i)) > 0)
    return e;
  if ((e = try_phone (sc, i)) > 0)
    return e;
  if ((e = try_date_numeric (sc, i)) > 0)
    return e;
  if ((e = try_date_day_first (sc, i, we)) > 0)
    best = e;
  if ((e = try_age (sc, i, we)) > best)
    best = e;
  return best;
}

static void
scan_letter_word (Scan *sc, gsize i, gsize we)
{
  const char *t = sc->t;
  gsize len = we - i;
  const Slot *sl;
  guint64 cls;

  if (len >= 2 && len <= 7 && (is_digit ((guchar) t[i + 1]) ||
                               (len > 2 && is_digit ((guchar) t[i + 2]))))
    {
      try_postcode (sc, i, we);
      /* "SR2": side room shorthand */
      if (t[i] == 'S' && t[i + 1] == 'R' && len <= 4 && is_digit ((guchar) t[i + 2]))
        emit (sc, SG_IDENTIFIER_LOCATION_UNIT, neg_flag (sc, i), i, we, 0);
      return;
    }
  if (len > 12)
    return;
  if (!(trigger_lengths[trigger_key ((guchar) t[i], len > 1 ? (guchar) t[i + 1] : 0)] &
        (1u << len)) &&
      !(len <= 3 && is_upper ((guchar) t[i]) && (len == 1 || is_upper ((guchar) t[i + 1]))))
    return;
  sl = lookup (t, i, we);
  cls = sl != NULL ? sl->cls : 0;
  if ((cls & T_CAPONLY) && !is_upper ((guchar) t[i]))
    cls &= ~(T_TITLE | T_HOSP | T_MONTH);
  if (cls & T_TITLE && is_upper ((guchar) t[i]))
    try_titled (sc, i, we, sl->val);
  if (cls & T_MONTH)
    try_date_month_first (sc, i, we, sl->val);
  if (cls & T_LOC)
    try_location (sc, i, we);
  if (cls & T_BAND)
    emit_band (sc, i, we, sl->val, TRUE);
  if (cls & T_AGEWORD)
    emit (sc, SG_IDENTIFIER_AGE_BAND, neg_flag (sc, i), i, we, sl->val);
  if (cls & T_HOSP)
    {
      gboolean direct = ci_word (sc, i, "mrn") || (len == 2 && t[i] == 'R' && t[i + 1] == 'N');
      try_hospital (sc, i, we, !direct);
    }
  if (cls & T_PCODE)
    try_postcode_cue (sc, we);
  if (cls & (T_AGED | T_OF))
    {
      gsize p = skip_spaces (sc, we, 1), e;
      gint v;
      Word w[2];

      if (p > we && (e = age_number (sc, p, &v)) > 0)
        {
          if (cls & T_AGED)
            emit (sc, SG_IDENTIFIER_AGE, neg_flag (sc, i), i, e, v);
          else if (collect_back (sc, i, 1, w) == 1 && (w[0].cls & W_PERSON) &&
                   w[0].sentences == 0)
            emit (sc, SG_IDENTIFIER_AGE, neg_flag (sc, w[0].s), w[0].s, e, v);
        }
    }
  /* Initials: "pt JH", "RIP JT", or dotted "J.S." */
  if ((len == 2 || len == 3) && cls == 0 && is_upper ((guchar) t[i]) &&
      is_upper ((guchar) t[i + 1]) && (len == 2 || is_upper ((guchar) t[i + 2])))
    try_initials (sc, i, we);
  else if (len == 1 && is_upper ((guchar) t[i]) && boundary_before (sc, i) &&
           (i == 0 || t[i - 1] != '.') && we + 2 < sc->n && t[we] == '.' &&
           is_upper ((guchar) t[we + 1]))
    {
      gsize e = we + 2;

      if (e + 1 < sc->n && t[e] == '.' && is_upper ((guchar) t[e + 1]))
        e += 2;
      if (e < sc->n && t[e] == '.')
        e++;
      if (boundary_after (sc, e) && (e == sc->n || !is_alpha ((guchar) t[e])))
        try_initials (sc, i, e);
    }
}

/* Skips a URL so paths and query strings do not look like dates or numbers. */
static gsize
skip_url (const Scan *sc, gsize i, gsize we)
{
  const char *t = sc->t;

  if (we - i < 3 || we - i > 5 || (to_lower ((guchar) t[i]) != 'h' &&
                                   to_lower ((guchar) t[i]) != 'w'))
    return we;
  if (!((ci_word (sc, i, "http") || ci_word (sc, i, "https")) && we + 3 <= sc->n &&
        memcmp (t + we, "://", 3) == 0) &&
      !(ci_word (sc, i, "www") && we < sc->n && t[we] == '.'))
    return we;
  while (we < sc->n && (guchar) t[we] > ' ')
    we++;
  return we;
}

static int
compare_ids (const void *a, const void *b)
{
  const SgIdentifier *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

guint
sg_identifiers_scan (const char *text, gssize len, GArray *out)
{
  Scan sc = { text, 0, out };
  guint first, kept;
  gsize i = 0, last_end[SG_IDENTIFIER_INITIALS + 1] = { 0 };
  gboolean seen[SG_IDENTIFIER_INITIALS + 1] = { FALSE };

  g_return_val_if_fail (out != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (out) == sizeof (SgIdentifier), 0);
  if (text == NULL)
    return 0;
  first = out->len;
  sc.n = len < 0 ? strlen (text) : (gsize) len;
  g_once (&hash_once, build_hash, NULL);

  while (i < sc.n)
    {
      guchar c = (guchar) text[i];
      guint8 bc = byte_class[c];
      gsize we;

      if (bc == 0)
        {
          i++;
          continue;
        }
      if (bc == C_SPECIAL)
        {
          if (c == '@')
            try_at (&sc, i);
          else if (c == '+' && boundary_before (&sc, i))
            try_phone_intl (&sc, i);
          else if (c == '(')
            try_phone_paren (&sc, i);
          i++;
          continue;
        }
      we = word_end_fast (&sc, i + 1);
      if (is_digit (c))
        we = MAX (we, scan_digit_word (&sc, i, we));
      else
        {
          gsize ue = skip_url (&sc, i, we);
          if (ue == we)
            scan_letter_word (&sc, i, we);
          we = ue;
        }
      i = we;
    }

  /* Detectors run at different anchors (an e-mail starts before its '@'), so sort, then
   * drop same-kind overlaps keeping the earliest, longest one. */
  if (out->len - first > 1)
    qsort (&g_array_index (out, SgIdentifier, first), out->len - first,
           sizeof (SgIdentifier), compare_ids);
  kept = first;
  for (guint k = first; k < out->len; k++)
    {
      SgIdentifier *id = &g_array_index (out, SgIdentifier, k);

      if (seen[id->kind] && id->start < last_end[id->kind])
        continue;
      seen[id->kind] = TRUE;
      last_end[id->kind] = id->end;
      g_array_index (out, SgIdentifier, kept++) = *id;
    }
  g_array_set_size (out, kept);
  return kept - first;
}

const char *
sg_identifier_kind_to_string (SgIdentifierKind kind)
{
  static const char *const names[] = {
    "nhs-number", "chi-number", "hc-number", "hospital-number", "postcode", "phone",
    "email", "date", "age", "age-band", "location-unit", "handle", "titled-name", "initials",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}
