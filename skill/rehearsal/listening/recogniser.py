"""The offline recogniser: pocketsphinx 5 with its own English acoustic model and dictionary, one decoder
for a whole rehearsal, one named grammar per moment (see grammar.py), switched as the evening moves.

Audio in, words out: a phrase of the grammar, or None when the best reading went through the everyday
words ("garbage") — what was said is none of the phrases, and the skill hears "not understood".
"""

from __future__ import annotations

import shutil
import subprocess
from array import array
from collections.abc import Callable

from ...journeys import Library
from .grammar import GARBAGE, Grammars

FLITE_TO_CMU = {"ax": "ah"}  # flite's lexicon writes the schwa apart; CMU's dictionary has no "ax"
UNEXPLAINED_FRAMES, UNEXPLAINED_SHARE = 40, 0.3  # the speech detector's margins: about 0.2 s before and after
RATE = 16_000  # the acoustic model's sampling rate: the audio sources deliver 16 kHz mono 16-bit
SHORTEST = RATE * 2 // 10  # bytes: 0.1 s


class Recogniser:
    def __init__(self, library: Library, locale: str = "en-US"):
        from pocketsphinx import Decoder  # imported here: only a listening rehearsal needs it

        # the default beams: narrower ones (3× faster) lose short words such as "no" and "four"
        self.decoder = Decoder(lm=None, logfn="/dev/null", samprate=RATE)
        self.grammars = Grammars(library, locale, self.knows)
        self._added: set[str] = set()
        self._searches: set[str] = set()
        for word in self.grammars.listening["fillers"]:
            self.decoder.add_word(GARBAGE + word, self.decoder.lookup_word(word), update=False)
        for name in self.grammars.listening["first_names"]:
            self.knows(name)

    def knows(self, word: str) -> bool:
        """Whether `word` can be heard; a word missing from the dictionary (an unusual first name) is
        added with flite's pronunciation when flite's `t2p` is installed."""
        if word in self._added or self.decoder.lookup_word(word) is not None:
            return True
        phones = pronounce(word)
        if not phones:
            return False
        self.decoder.add_word(word, phones, update=False)  # grammars are added after their words
        self._added.add(word)
        return True

    def hear(self, samples: array | bytes, grammar: str) -> str | None:
        """The phrase of grammar `grammar` (see Grammars.jsgf) that `samples` are, or None."""
        pcm = samples if isinstance(samples, bytes) else samples.tobytes()
        if len(pcm) < SHORTEST:  # no word is this short (and pocketsphinx leaves an empty utterance unfinished)
            return None
        search = f"{grammar}#{self.grammars.generation}"
        if search not in self._searches:
            self.decoder.add_jsgf_string(search, self.grammars.jsgf(grammar))
            self._searches.add(search)
        self.decoder.activate_search(search)
        self.decoder.reinit_feat()  # each utterance on its own: the last one's sound level does not carry over
        self.decoder.start_utt()
        self.decoder.process_raw(pcm, full_utt=True)
        self.decoder.end_utt()
        hyp = self.decoder.hyp()
        words = hyp.hypstr.split() if hyp is not None else []
        if not words or any(w.startswith(GARBAGE) for w in words):
            return None
        said = " ".join(words)
        return said if self.grammars.complete(grammar, said) and self._explains_the_sound() else None

    def _explains_the_sound(self) -> bool:
        """The phrase's words take up the utterance: a short phrase padded with long "silence" inside speech
        (the speech detector has already cut what was silent) is a phrase fitted onto something else."""
        total = max(1, self.decoder.n_frames())
        other = sum(s.end_frame - s.start_frame + 1 for s in (self.decoder.seg() or ()) if not self._is_word(s.word))
        return other <= max(UNEXPLAINED_FRAMES, UNEXPLAINED_SHARE * total)

    def _is_word(self, word: str) -> bool:
        return not (word.startswith(("<", "[", "+")) or word.startswith(GARBAGE))

    def add_names(self, names: list[str]) -> None:
        """The couple's own names (from their progress) become hearable first names."""
        self.grammars.add_names([n.lower() for n in names if self.knows(n.lower())])


def pronounce(word: str, t2p: Callable[[str], str] | None = None) -> str:
    """A word's phones in the dictionary's alphabet ("sh aw b aa n"), from flite's letter-to-sound rules."""
    if t2p is None:
        binary = shutil.which("t2p")
        if binary is None or not word.isalpha():
            return ""
        out = subprocess.run([binary, word], capture_output=True, text=True, check=False, timeout=10).stdout
    else:
        out = t2p(word)
    phones = [FLITE_TO_CMU.get(p.rstrip("012"), p.rstrip("012")).upper() for p in out.split() if p != "pau"]
    return " ".join(phones)
