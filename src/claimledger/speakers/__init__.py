"""Who is speaking: named people, organizations, unnamed sources and documents, and what 'He' or
'the minister' refers to. Part of stage 4 (claims): the claim passes ask it for the
speaker behind each reporting verb's subject.

coreferee, the usual spaCy coreference add-on, supports spaCy only up to 3.5 and needs a
larger model, so this is our own salience tracker, built for reported speech rather than
general coreference:

- a *referent* is a person, organization, unnamed source or document; people are keyed by
  full name, so "Hendriks" joins "Pieter Hendriks" (even when the surname comes first, and
  "Olexander" joins "Oleksandr") while two people sharing a surname stay apart; places and
  things the tagger called people ("floods in Lisbon", "the Emerald Ash Borer") are none;
- the claim passes hand over every subject at once (`resolve_all`): names are registered
  first, with the roles, ages and employers set beside them ("X, a former health minister",
  "Tom Reyes, 61,", "a group calling itself Black Aster"), then every clause subject is
  resolved in text order, so a result never depends on which pass asked first, and claims
  are counted by position;
- pronouns agree in number, gender and animacy: he/she only for one person, it for an
  organization or a document, they for a group; the sources of claims and main-clause
  subjects come before subjects inside what someone said;
- role nouns ("the former minister", "the co-chair", "the 61-year-old", "her lawyer")
  resolve through descriptions with the same status, portfolio and age, nearest before
  first, then up to two paragraphs after ("her lawyer said" before "Her lawyer, Daniel
  Omondi"); "the company" falls back to a business already speaking, "the negotiator" to
  the person of that gender quoted most so far; an indefinite description in the lede ("a
  state prosecutor told the court") is the source introduced next in that role.

Modules: `words` (the speaker word list), `names` (names as written), `roles` (role nouns
in a subject), `registry` (referents and mentions), `resolver` (subject -> Speaker).
"""

from claimledger.speakers.resolver import SourceRequest, SpeakerResolver

__all__ = ["SourceRequest", "SpeakerResolver"]
