"""Who is speaking: named people, organizations and unnamed sources, and what 'He' or
'the minister' refers to. Part of stage 4 (claims): the claim passes ask it for the
speaker behind each reporting verb's subject.

coreferee, the usual spaCy coreference add-on, supports spaCy only up to 3.5 and needs a
larger model, so this is our own salience tracker, built for reported speech rather than
general coreference:

- a *referent* is a person, organization or unnamed source; people are keyed by full name,
  so "Hendriks" joins "Pieter Hendriks" while two people sharing a surname stay apart;
- every mention is recorded with its position and whether it is a clause subject;
- pronouns resolve to the most recent compatible subject (gender from role nouns, titles and
  a first-name list), then to the most recent compatible mention;
- role nouns ("the minister", "her lawyer", "the joint venture") resolve through
  descriptors gathered from appositions and title compounds anywhere in the article, nearest
  before first, then after (articles often say "her lawyer said" a paragraph before "Her
  lawyer, Daniel Omondi"); failing that, to the source quoted most so far.

Modules: `words` (the speaker word list), `names` (names as written), `roles` (role nouns
in a subject), `registry` (referents and mentions), `resolver` (subject -> Speaker).
"""

from claimledger.speakers.resolver import SourceRequest, SpeakerResolver

__all__ = ["SourceRequest", "SpeakerResolver"]
