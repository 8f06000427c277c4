"""The one APL document every screen uses; what it shows comes from the data (skill/screens/content.py).

The screen follows the response's timeline on the device's own clock: `now` (seconds since the document was
shown) is set from APL's `elapsedTime` every second, each entry is displayed from its `from` to its `until`,
and a timed entry counts down from its bell — so the second partner's turn and question 2 get their own
screen at their own moment. Sizes are fractions of the viewport (vh), larger on small screens and TVs, so
the sentence reads from the sofa on an Echo Show 5 and fills an Echo Show 15. Buttons show on touch screens
(not on a TV); a tap sends the word it stands for (Alexa.Presentation.APL.UserEvent).
"""

from __future__ import annotations

VERSION = "1.4"  # what the offline renderer (apl-viewhost-web 1.4.0) runs; every Echo Show runs 1.4

_SIZES = {"title": "4.5vh", "heading": "6vh", "who": "11vh", "sentence": "9vh", "question": "6.4vh",
          "reading": "5.6vh",
          "count": "15vh", "button": "5vh", "pad": "5vh"}
_SMALL = {"title": "4.6vh", "heading": "6vh", "who": "10vh", "sentence": "8.8vh", "question": "6.8vh",
          "reading": "6vh", "count": "12vh", "button": "5.5vh", "pad": "3.5vh"}  # Echo Show 5 (960×480): 1 vh is only 0.7 mm
_TV = {"who": "10vh", "sentence": "8.5vh", "question": "5.5vh", "reading": "5vh"}  # seen from further, but a larger panel

GOLD, LILAC, INK, PAPER = "#F2C45A", "#C9A0DC", "#1B1230", "#FFFFFF"
COUNTDOWN = ("${Math.floor(remaining / 60)}:${remaining % 60 < 10 ? '0' : ''}${remaining % 60}")


def _text(text: str, size: str, **more: object) -> dict:
    return {"type": "Text", "text": text, "fontSize": f"@{size}", "color": PAPER, **more}


def _entry() -> dict:
    """One entry of the timeline: shown only while `now` is inside it."""
    status = ("${data.seconds <= 0 ? '' : now < data.bell ? screen.words.ready : remaining <= 0 ? "
              "screen.words.timesUp : ''}")
    return {
        "type": "Container", "grow": 1, "justifyContent": "center",
        "display": "${now >= data.from && now < data.until ? 'normal' : 'none'}",
        "bind": [{"name": "remaining", "value": "${Math.max(0, Math.ceil(data.bell + data.seconds - now))}"}],
        "items": [
            _text("${data.heading}", "heading", color=LILAC, maxLines=1),
            _text("${data.who}", "who", color=GOLD, fontWeight="700", maxLines=1, paddingTop="1vh",
                  display="${data.who ? 'normal' : 'none'}"),
            _text("${data.text}", "sentence", paddingTop="2vh",
                  display="${data.size == 'sentence' ? 'normal' : 'none'}"),
            _text("${data.text}", "question", paddingTop="2vh",
                  display="${data.size == 'question' ? 'normal' : 'none'}"),
            _text("${data.text}", "reading", paddingTop="1vh",
                  display="${data.size == 'reading' ? 'normal' : 'none'}"),
            {"type": "Container", "direction": "row", "alignItems": "center", "paddingTop": "2vh",
             "display": "${data.seconds > 0 ? 'normal' : 'none'}",
             "items": [
                 _text(COUNTDOWN, "count", fontWeight="700",
                       display="${now >= data.bell && remaining > 0 ? 'normal' : 'none'}"),
                 _text(status, "who", color=GOLD, fontWeight="700", maxLines=1),
             ]},
        ],
    }


def _chart() -> dict:
    """The check-ins of the last weeks as bars (APL vector graphics), the streak above them."""
    return {
        "type": "Container", "paddingTop": "1vh", "when": "${screen.chart.bars != ''}",
        "items": [
            _text("${screen.chart.streak}", "heading", color=GOLD, fontWeight="700", maxLines=1),
            {"type": "VectorGraphic", "source": "checkins", "width": "60vw", "height": "26vh", "scale": "fill",
             "bars": "${screen.chart.bars}", "grid": "${screen.chart.grid}"},
            _text("${screen.chart.caption}", "title", maxLines=1),
        ],
    }


def _buttons() -> dict:
    return {
        "type": "Container", "direction": "row", "wrap": "wrap", "paddingTop": "2vh",
        "when": "${viewport.mode != 'tv'}", "data": "${screen.buttons}",
        "items": [{
            "type": "TouchWrapper", "paddingRight": "2vw", "paddingBottom": "1vh",
            "onPress": [{"type": "SendEvent", "arguments": "${data.arguments}"}],
            "item": {"type": "Frame", "borderRadius": "4vh", "borderWidth": "2dp", "borderColor": LILAC,
                     "backgroundColor": "#ffffff14", "paddingLeft": "3vw", "paddingRight": "3vw",
                     "paddingTop": "1.2vh", "paddingBottom": "1.2vh",
                     "item": _text("${data.label}", "button", maxLines=1)},
        }],
    }


DOCUMENT = {
    "type": "APL",
    "version": VERSION,
    "theme": "dark",
    "resources": [
        {"dimensions": _SIZES},
        {"when": "${viewport.mode == 'hub' && viewport.width < 1100}", "dimensions": _SMALL},
        {"when": "${viewport.mode == 'tv'}", "dimensions": _TV},
    ],
    "graphics": {
        "checkins": {
            "type": "AVG", "version": "1.1", "width": 100, "height": 50, "parameters": ["bars", "grid"],
            "items": [
                {"type": "path", "pathData": "${grid}", "stroke": "#ffffff40", "strokeWidth": 0.4},
                {"type": "path", "pathData": "${bars}", "fill": GOLD},
            ],
        },
    },
    "mainTemplate": {
        "parameters": ["screen"],
        "items": [{
            "type": "Container", "width": "100vw", "height": "100vh", "paddingLeft": "6vw", "paddingRight": "6vw",
            "paddingTop": "@pad", "paddingBottom": "@pad",
            "bind": [{"name": "now", "value": 0}],
            "handleTick": [{"minimumDelay": 1000, "commands": [
                {"type": "SetValue", "property": "now", "value": "${elapsedTime / 1000}"},
            ]}],
            "items": [
                {"type": "Frame", "position": "absolute", "width": "100vw", "height": "100vh", "left": 0, "top": 0,
                 "backgroundColor": INK},
                _text("${screen.title}", "title", color=LILAC, maxLines=1),
                _text("${screen.subtitle}", "title", maxLines=1, opacity=0.8),
                {"type": "Container", "grow": 1, "shrink": 1, "data": "${screen.entries}", "item": _entry()},
                _chart(),
                _buttons(),
            ],
        }],
    },
}
