"""The APL document every screen uses; what it shows comes from the data (skill/screens/content.py).

The screen follows the response's timeline on the device's own clock: `now` (seconds since the document was
shown) is set from APL's `elapsedTime` every second, each entry is displayed from its `at` to its `to`, and
a timed entry counts down from its bell — so the second partner's turn and question 2 get their own screen
at their own moment. Sizes are in vh, scaled by `k`: larger on an Echo Show 5 (where 1 vh is 0.7 mm) so
the sentence reads from the sofa, smaller on a TV (a larger panel, no buttons). Buttons show on touch
screens; a tap sends the intent its word stands for (Alexa.Presentation.APL.UserEvent). The document is
sent with every response, inside Alexa's response size, so it is kept small: the chart and the buttons are
only in it when the response has them.
"""

from __future__ import annotations

VERSION = "1.4"  # what the offline renderer (apl-viewhost-web 1.4.0) runs; every Echo Show runs 1.4
SCALE = "${viewport.mode == 'tv' ? 0.9 : viewport.width < 1100 ? 1.08 : 1}"
GOLD, LILAC = "#F2C45A", "#C9A0DC"
SHOWN = "${now >= data.at && now < data.to ? 'normal' : 'none'}"
# before the bell "get ready", then the minutes and seconds left, at zero "time's up"
STATUS = ("${now < data.bell ? screen.words.ready : r > 0 ? Math.floor(r / 60) + ':' + (r % 60 < 10 ? '0' : '') "
          "+ r % 60 : screen.words.timesUp}")


def _text(text: str, vh: float | str, **more: object) -> dict:
    return {"type": "Text", "text": text, "fontSize": f"${{{vh}*k}}vh", **more}


_ENTRY = {
    "type": "Container", "grow": 1, "justifyContent": "center", "display": SHOWN,
    "bind": [{"name": "r", "value": "${Math.max(0, Math.ceil(data.bell + data.secs - now))}"}],
    "items": [
        _text("${data.head}", 6, color=LILAC),
        _text("${data.who}", 10, color=GOLD, fontWeight="700", display="${data.who ? 'normal' : 'none'}"),
        _text("${data.text}", "data.z", paddingTop="2vh"),
        _text(STATUS, 11, fontWeight="700", paddingTop="2vh", display="${data.secs > 0 ? 'normal' : 'none'}"),
    ],
}

_CHART = {
    "type": "Container", "paddingTop": "1vh",
    "items": [
        _text("${screen.chart.streak}", 6, color=GOLD, fontWeight="700"),
        {"type": "VectorGraphic", "source": "checkins", "width": "60vw", "height": "26vh", "scale": "fill",
         "bars": "${screen.chart.bars}", "grid": "${screen.chart.grid}", "average": "${screen.chart.average}"},
        _text("${screen.chart.caption}", 4.5),
    ],
}
_GRAPHICS = {"checkins": {
    "type": "AVG", "version": "1.1", "width": 100, "height": 50, "parameters": ["bars", "grid", "average"],
    "items": [{"type": "path", "pathData": "${grid}", "stroke": "#ffffff40", "strokeWidth": 0.4},
              {"type": "path", "pathData": "${bars}", "fill": GOLD},
              {"type": "path", "pathData": "${average}", "stroke": LILAC, "strokeWidth": 1}],
}}

_BUTTONS = {
    "type": "Container", "direction": "row", "paddingTop": "2vh", "when": "${viewport.mode != 'tv'}",
    "data": "${screen.buttons}",
    "items": [{
        "type": "TouchWrapper", "paddingRight": "2vw",
        "onPress": [{"type": "SendEvent", "arguments": "${data.arguments}"}],
        "item": {"type": "Frame", "borderRadius": "4vh", "borderWidth": 2, "borderColor": LILAC,
                 "paddingLeft": "3vw", "paddingRight": "3vw", "paddingTop": "1vh", "paddingBottom": "1vh",
                 "item": _text("${data.label}", 5)},
    }],
}


def document(chart: bool = False, buttons: bool = True) -> dict:
    """The document, with the chart and the buttons only when this response shows them."""
    doc: dict = {
        "type": "APL", "version": VERSION, "theme": "dark",
        "mainTemplate": {"parameters": ["screen"], "items": [{
            "type": "Container", "width": "100vw", "height": "100vh", "paddingLeft": "6vw", "paddingRight": "6vw",
            "paddingTop": "4vh", "paddingBottom": "4vh",
            "bind": [{"name": "now", "value": 0}, {"name": "k", "value": SCALE}],
            "handleTick": [{"minimumDelay": 1000, "commands": [
                {"type": "SetValue", "property": "now", "value": "${elapsedTime / 1000}"}]}],
            "items": [
                _text("${screen.title}<br>${screen.subtitle}", 4.5, color=LILAC),
                {"type": "Container", "grow": 1, "shrink": 1, "data": "${screen.entries}", "item": _ENTRY},
                *([_CHART] if chart else []),
                *([_BUTTONS] if buttons else []),
            ],
        }]},
    }
    if chart:
        doc["graphics"] = _GRAPHICS
    return doc
