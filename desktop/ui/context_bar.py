"""The call-context bar: stage, de-escalation steps, situation tags, channel, KB language.

The context combines with the typed text; with an empty query it alone picks the cards,
so clicking "Hold" lists hold phrases without typing. Buttons take focus only from Tab,
so clicking one leaves the keyboard in the search box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.render import plain_text_html
from desktop.core.taxonomy import Taxonomy, default_taxonomy
from desktop.ui import i18n
from desktop.ui.icons import themed_icon
from desktop.ui.retranslate import Retranslatable

# The de-escalation sequence from the guidance, by stage id.
FLOW = ("listen", "empathize", "apologize", "restate", "solve", "follow-up", "closing")
CHANNELS = ("any", "phone", "chat")
KB_LANGS = ("any", "en", "fil")



def toggle_button_style(padding: str) -> str:
    """Checkable QToolButtons whose checked state stands out in light and dark palettes
    (Fusion's sunken look is hard to see on a dark palette)."""
    return """
QToolButton {
    padding: PADDING; border: 1px solid palette(mid); border-radius: 4px;
    background: palette(button); color: palette(button-text);
}
QToolButton:hover { border-color: palette(highlight); }
QToolButton:focus { border: 2px solid palette(highlight); }
QToolButton:checked {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight); font-weight: bold;
}
""".replace("PADDING", padding)  # CSS braces make str.format awkward


# Last, so it wins over the step/chip/checked rules: a keyboard user always sees where
# the focus is, on a plain, checked or "next" button, in light and dark palettes.
FOCUS_STYLE = """
QToolButton:focus, QToolButton[step="true"]:focus, QToolButton[chip="true"]:focus,
QToolButton[next="true"]:focus, QToolButton:checked:focus {
    border: 2px solid palette(text);
}
"""

_STYLE = toggle_button_style("2px 8px") + """
QToolButton[chip="true"] { border-radius: 10px; }
QToolButton[step="true"] {
    border: 1px solid transparent; background: transparent; padding: 1px 5px;
}
QToolButton[step="true"]:checked {
    background: palette(highlight); color: palette(highlighted-text);
}
QToolButton[next="true"] { border: 2px dashed palette(highlight); }
""" + FOCUS_STYLE


@dataclass(frozen=True)
class ContextState:
    stage: str | None = None
    tags: tuple[str, ...] = ()
    channel: str = "any"
    lang: str = "any"

    @property
    def is_empty(self) -> bool:
        return self == ContextState()


def flow_neighbour(stage: str | None, step: int, stages: Sequence[str]) -> str | None:
    """The flow stage after (step=+1) or before (step=-1) `stage`.

    A stage outside the flow (hold, transfer, …) steps to the nearest flow stage in call
    order; no stage steps to the first (or last) one.
    """
    flow = [s for s in FLOW if s in stages]
    if not flow:
        return None
    if stage in flow:
        position = flow.index(stage) + step
        return flow[position] if 0 <= position < len(flow) else stage
    if stage is None or stage not in stages:
        return flow[0] if step > 0 else flow[-1]
    order = list(stages)
    here = order.index(stage)
    ahead = [s for s in flow if order.index(s) > here]
    behind = [s for s in flow if order.index(s) < here]
    if step > 0:
        return ahead[0] if ahead else flow[-1]
    return behind[-1] if behind else flow[0]


def next_flow_stage(stage: str, stages: Sequence[str]) -> str | None:
    """What comes after copying from `stage`, or None after the last step."""
    following = flow_neighbour(stage, +1, stages)
    return following if following != stage else None


class FlowLayout(QLayout):
    """Lays children out left to right and wraps them like words (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place items in lines; each item is centred vertically in its line."""
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = rect.x()
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and lines[-1]:
                lines.append([])
                x = rect.x()
            lines[-1].append((item, hint))
            x += hint.width() + self._spacing
        y = rect.y()
        for line in lines:
            height = max((hint.height() for _, hint in line), default=0)
            x = rect.x()
            for item, hint in line:
                if apply:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing - rect.y())


def _button(parent: QWidget, key: str, checkable: bool = True) -> QToolButton:
    button = QToolButton(parent)
    button.setCheckable(checkable)
    button.setProperty("key", key)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves focus in the search box
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    return button


class ContextBar(Retranslatable, QWidget):
    contextChanged = Signal(object)  # ContextState
    nextStageChanged = Signal(str)  # "" when no step is suggested

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contextBar")
        self._built = False
        self.setStyleSheet(_STYLE)
        self._taxonomy = default_taxonomy()
        self._taxonomy_loaded = False
        self._state = ContextState()
        self._next_stage = ""
        self._stage_buttons: dict[str, QToolButton] = {}
        self._step_buttons: dict[str, QToolButton] = {}
        self._tag_buttons: dict[str, QToolButton] = {}
        self._channel_buttons: dict[str, QToolButton] = {}
        self._lang_buttons: dict[str, QToolButton] = {}
        self._folded = False
        self._narrow = False
        self._build()
        self._rebuild_taxonomy_buttons()
        self.retranslate_ui()
        self._built = True

    # --- public API ----------------------------------------------------------------------

    def state(self) -> ContextState:
        return self._state

    def set_state(self, state: ContextState, notify: bool = True) -> None:
        if any(tag in CHANNELS for tag in state.tags):  # one "Chat": the channel
            channel = next(tag for tag in state.tags if tag in CHANNELS)
            state = replace(state, channel=channel,
                            tags=tuple(t for t in state.tags if t not in CHANNELS))
        state = replace(state, channel=state.channel if state.channel in CHANNELS else "any",
                        lang=state.lang if state.lang in KB_LANGS else "any")
        if self._taxonomy_loaded:  # before the KB is read, keep restored ids as they are
            known = self._taxonomy.stage_ids
            state = replace(state, stage=state.stage if state.stage in known else None,
                            tags=tuple(t for t in state.tags if t in self._tag_buttons))
        changed = state != self._state
        self._state = state
        self._sync_buttons()
        if changed and notify:
            self.contextChanged.emit(state)

    def clear(self) -> None:
        self.set_state(ContextState())

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        same_ids = (taxonomy.stage_ids == self._taxonomy.stage_ids
                    and taxonomy.tag_ids == self._taxonomy.tag_ids)
        self._taxonomy = taxonomy
        self._taxonomy_loaded = True
        if not same_ids:  # a KB reload usually keeps them; rebuilding would flicker
            self._rebuild_taxonomy_buttons()
        self.set_state(self._state, notify=False)
        self.retranslate_ui()

    def step(self, direction: int) -> None:
        """Alt+Right / Alt+Left: move the stage filter along the de-escalation flow."""
        target = flow_neighbour(self._state.stage, direction, self._taxonomy.stage_ids)
        if direction > 0 and self._next_stage:
            target = self._next_stage  # the dashed hint and Alt+Right always agree
        if target:
            self.set_state(replace(self._state, stage=target))
        if self._next_stage and target == self._next_stage:
            self.set_next_stage("")

    def mark_copied(self, stage: str) -> None:
        """The agent used a phrase from `stage`: suggest the flow step after it."""
        if stage in FLOW:
            self.set_next_stage(next_flow_stage(stage, self._taxonomy.stage_ids) or "")

    def next_stage(self) -> str:
        return self._next_stage

    def set_next_stage(self, stage: str) -> None:
        if stage == self._next_stage:
            return
        self._next_stage = stage
        for key, button in (*self._stage_buttons.items(), *self._step_buttons.items()):
            self._set_property(button, "next", key == stage)
        self._fill_menus()  # the Stage menu marks the suggested step too
        self.nextStageChanged.emit(stage)

    def focus_chain(self) -> list[QWidget]:
        """The bar's buttons in reading order (hidden ones are skipped by Tab)."""
        return [*self._stage_buttons.values(), *self._step_buttons.values(),
                *self._folded_buttons(), *self._tag_buttons.values(),
                *self._channel_buttons.values(), *self._lang_buttons.values(),
                self._clear_button]

    def stage_button(self, stage: str) -> QToolButton | None:
        return self._stage_buttons.get(stage)

    def tag_button(self, tag: str) -> QToolButton | None:
        return self._tag_buttons.get(tag)

    def channel_button(self, channel: str) -> QToolButton | None:
        return self._channel_buttons.get(channel)

    def lang_button(self, lang: str) -> QToolButton | None:
        return self._lang_buttons.get(lang)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self._stage_title = QLabel(self)
        self._stage_row = QWidget(self)
        self._stage_flow = FlowLayout(self._stage_row)
        outer.addLayout(self._titled(self._stage_title, self._stage_row))
        self._steps_title = QLabel(self)
        self._steps_row = QWidget(self)
        self._steps_flow = FlowLayout(self._steps_row, spacing=2)
        steps_line = self._titled(self._steps_title, self._steps_row)
        self.stage_menu_button = self._menu_button("stageMenuButton")
        self.tags_menu_button = self._menu_button("tagsMenuButton")
        self.channel_menu_button = self._menu_button("channelMenuButton")
        self.lang_menu_button = self._menu_button("langMenuButton")
        self.folded_clear = _button(self._steps_row, "clear", checkable=False)
        self.folded_clear.setObjectName("foldedClear")
        self.folded_clear.clicked.connect(self._on_clear_clicked)
        self.folded_clear.hide()
        # In the steps' flow layout, after the steps: a narrow window wraps them to a
        # second line instead of demanding more width.
        outer.addLayout(steps_line)
        self._tags_title = QLabel(self)
        self._tags_row = QWidget(self)
        self._tags_flow = FlowLayout(self._tags_row)
        outer.addLayout(self._titled(self._tags_title, self._tags_row))
        self._build_channel_and_lang()

    def _menu_button(self, name: str) -> QToolButton:
        button = QToolButton(self._steps_row)
        button.setObjectName(name)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setMenu(QMenu(button))
        button.hide()
        return button

    def set_folded(self, folded: bool, narrow: bool = False) -> None:
        """One line instead of three (short or narrow windows): the de-escalation steps,
        then the call stage and the situations as drop-down menus. `narrow` (the compact
        layout) leaves the steps to the Stage menu and Alt+Right/Alt+Left as well."""
        if (folded, narrow and folded) == (self._folded, self._narrow):
            return
        self._folded, self._narrow = folded, narrow and folded
        self._apply_fold()

    def _apply_fold(self) -> None:
        folded = self._folded
        for widget in (self._stage_title, self._stage_row, self._tags_title, self._tags_row,
                       self._steps_title, self.filters_row):
            widget.setVisible(not folded)
        for button in self._folded_buttons():
            button.setVisible(folded)
        for widget in (*self._step_buttons.values(), *self._steps_arrows()):
            widget.setVisible(not self._narrow)
        self._fill_menus()

    def is_folded(self) -> bool:
        return self._folded

    def _fill_menus(self) -> None:
        if not self._folded:
            return
        lang = i18n.current_language()
        stage_menu, tags_menu = self.stage_menu_button.menu(), self.tags_menu_button.menu()
        stage_menu.clear()
        tags_menu.clear()
        self._fill_choice_menu(self.channel_menu_button, self._channel_labels(),
                               self._state.channel, "channel", self.tr("Channel: %1"))
        self._fill_choice_menu(self.lang_menu_button, self._lang_labels()[0],
                               self._state.lang, "lang", self.tr("Cards in: %1"))
        any_stage = stage_menu.addAction(self.tr("Any stage"))
        any_stage.setCheckable(True)
        any_stage.setChecked(self._state.stage is None)
        any_stage.triggered.connect(lambda _=False: self.set_state(
            replace(self._state, stage=None)))
        for stage in self._taxonomy.stage_ids:
            label = self._taxonomy.stage_label(stage, lang)
            action = stage_menu.addAction(f"{label}  ⇢ Alt+→" if stage == self._next_stage
                                          else label)
            action.setCheckable(True)
            action.setChecked(stage == self._state.stage)
            action.triggered.connect(lambda _=False, s=stage: self.set_state(
                replace(self._state, stage=s)))
        for tag in self._tag_buttons:
            action = tags_menu.addAction(self._taxonomy.tag_label(tag, lang))
            action.setCheckable(True)
            action.setChecked(tag in self._state.tags)
            action.triggered.connect(lambda _=False, t=tag: self._toggle_tag(t))
        current = self._state.stage
        stage_text = self._taxonomy.stage_label(current, lang) if current else self.tr("Any")
        self.stage_menu_button.setText(self.tr("Stage: %1").replace("%1", stage_text))
        self._set_property(self.stage_menu_button, "next", self._narrow and bool(self._next_stage))
        self.stage_menu_button.setAccessibleName(self.stage_menu_button.text())
        tags = [self._taxonomy.tag_label(t, lang) for t in self._state.tags]
        tags_text = ", ".join(tags) if tags else self.tr("Any")
        self.tags_menu_button.setText(self.tr("Situation: %1").replace("%1", tags_text))
        self.tags_menu_button.setAccessibleName(self.tags_menu_button.text())

    def _fill_choice_menu(self, button: QToolButton, labels: dict[str, str], current: str,
                          field_name: str, title: str) -> None:
        menu = button.menu()
        menu.clear()
        for key, text in labels.items():
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(key == current)
            action.triggered.connect(lambda _=False, k=key: self.set_state(
                replace(self._state, **{field_name: k})))
        button.setText(title.replace("%1", labels.get(current, current)))
        button.setAccessibleName(button.text())

    def _toggle_tag(self, tag: str) -> None:
        tags = list(self._state.tags)
        if tag in tags:
            tags.remove(tag)
        else:
            tags.append(tag)
        self.set_state(replace(self._state, tags=tuple(tags)))

    def _titled(self, title: QLabel, row: QWidget) -> QHBoxLayout:
        line = QHBoxLayout()
        line.setSpacing(6)
        title.setMinimumWidth(90)
        title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        title.setContentsMargins(0, 4, 0, 0)
        title.setBuddy(row)
        row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        line.addWidget(title, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(row, 1)
        return line

    def _build_channel_and_lang(self) -> None:
        """Channel, card language and Clear: a short row the window puts beside the search
        box (see `filters_row`); the tall part of the bar stays for stages and situations."""
        self.filters_row = QWidget(self)
        self.filters_row.setObjectName("contextFilters")
        self.filters_row.setStyleSheet(_STYLE)
        line = QHBoxLayout(self.filters_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(4)
        self._channel_title = QLabel(self.filters_row)
        line.addWidget(self._channel_title)
        color = self.palette().color(self.foregroundRole())
        for channel in CHANNELS:
            button = _button(self.filters_row, channel)
            if channel != "any":
                button.setIcon(themed_icon(channel, color))
            button.clicked.connect(self._on_channel_clicked)
            self._channel_buttons[channel] = button
            line.addWidget(button)
        line.addSpacing(10)
        self._lang_title = QLabel(self.filters_row)
        line.addWidget(self._lang_title)
        for lang in KB_LANGS:
            button = _button(self.filters_row, lang)
            button.clicked.connect(self._on_lang_clicked)
            self._lang_buttons[lang] = button
            line.addWidget(button)
        line.addSpacing(10)
        self._clear_button = _button(self.filters_row, "clear", checkable=False)
        self._clear_button.clicked.connect(self._on_clear_clicked)
        line.addWidget(self._clear_button)

    def _rebuild_taxonomy_buttons(self) -> None:
        for mapping, layout in ((self._stage_buttons, self._stage_flow),
                                (self._step_buttons, self._steps_flow),
                                (self._tag_buttons, self._tags_flow)):
            for button in mapping.values():
                layout.removeWidget(button)
                button.deleteLater()
            mapping.clear()
        for item in list(self._steps_arrows()):
            self._steps_flow.removeWidget(item)
            item.deleteLater()
        self._add_stage_buttons()
        self._add_step_buttons()
        self._add_tag_buttons()
        if self._built:
            self._apply_fold()  # new buttons start visible

    def _steps_arrows(self) -> list[QWidget]:
        found: list[QWidget] = []
        for n in range(self._steps_flow.count()):
            item = self._steps_flow.itemAt(n)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                found.append(widget)
        return found

    def _add_stage_buttons(self) -> None:
        for stage in self._taxonomy.stage_ids:
            button = _button(self._stage_row, stage)
            button.clicked.connect(self._on_stage_clicked)
            self._stage_flow.addWidget(button)
            self._stage_buttons[stage] = button

    def _folded_buttons(self) -> tuple[QToolButton, ...]:
        return (self.stage_menu_button, self.tags_menu_button, self.channel_menu_button,
                self.lang_menu_button, self.folded_clear)

    def _add_step_buttons(self) -> None:
        for button in self._folded_buttons():
            self._steps_flow.removeWidget(button)
        steps = [s for s in FLOW if s in self._taxonomy.stage_ids]
        for n, stage in enumerate(steps):
            if n:
                arrow = QLabel("→", self._steps_row)
                arrow.setAccessibleName(" ")
                self._steps_flow.addWidget(arrow)
            button = _button(self._steps_row, stage)
            button.setProperty("step", True)
            button.setAutoRaise(True)
            button.clicked.connect(self._on_stage_clicked)
            self._steps_flow.addWidget(button)
            self._step_buttons[stage] = button
        for button in self._folded_buttons():
            self._steps_flow.addWidget(button)

    def _add_tag_buttons(self) -> None:
        for tag in self._taxonomy.tag_ids:
            if tag in CHANNELS:
                continue  # "chat" is the channel button; one Chat, not two
            button = _button(self._tags_row, tag)
            button.setProperty("chip", True)
            button.clicked.connect(self._on_tag_clicked)
            self._tags_flow.addWidget(button)
            self._tag_buttons[tag] = button

    # --- labels --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._tint_icons()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        lang = i18n.current_language()
        self._stage_title.setText(self.tr("Call stage"))
        self._steps_title.setText(self.tr("Calm it down"))
        self._tags_title.setText(self.tr("Situation"))
        self._channel_title.setText(self.tr("Channel:"))
        self._lang_title.setText(self.tr("Cards in:"))
        self._stage_row.setAccessibleName(self.tr("Call stage"))
        self._steps_row.setAccessibleName(self.tr("De-escalation steps"))
        self._tags_row.setAccessibleName(self.tr("Situation"))
        for stage, button in self._stage_buttons.items():
            self._label_stage(button, stage, lang)
        for stage, button in self._step_buttons.items():
            self._label_step(button, stage, lang)
        for tag, button in self._tag_buttons.items():
            label = self._taxonomy.tag(tag)
            button.setText(self._taxonomy.tag_label(tag, lang))
            button.setAccessibleName(self.tr("Situation: %1").replace(
                "%1", self._taxonomy.tag_label(tag, lang)))
            button.setToolTip(plain_text_html(label.meaning) if label else "")
        self._label_channels()
        self._label_langs()
        self._clear_button.setText(self.tr("Clear"))
        self._clear_button.setToolTip(self.tr("Clear the call stage and situation (Esc twice)"))
        self._clear_button.setAccessibleName(self.tr("Clear the context"))
        self.folded_clear.setText(self._clear_button.text())
        self.folded_clear.setToolTip(self._clear_button.toolTip())
        self.folded_clear.setAccessibleName(self._clear_button.accessibleName())
        self._fill_menus()

    def _label_stage(self, button: QToolButton, stage: str, lang: str) -> None:
        text = self._taxonomy.stage_label(stage, lang)
        button.setText(text)
        button.setAccessibleName(self.tr("Call stage: %1").replace("%1", text))
        button.setToolTip(self.tr("Show the cards for this stage; click again to show all"))

    def _label_step(self, button: QToolButton, stage: str, lang: str) -> None:
        steps = list(self._step_buttons)
        text = self._taxonomy.stage_label(stage, lang)
        button.setText(text)
        button.setAccessibleName(self.tr("Step %1 of %2: %3").replace(
            "%1", str(steps.index(stage) + 1)).replace("%2", str(len(steps))).replace("%3", text))
        button.setToolTip(self.tr("Alt+Right: next step · Alt+Left: previous step"))

    def _channel_labels(self) -> dict[str, str]:
        return {"any": self.tr("Any"), "phone": self.tr("Phone"), "chat": self.tr("Chat")}

    def _lang_labels(self) -> tuple[dict[str, str], dict[str, str]]:
        labels = {"any": self.tr("EN + FIL"), "en": "EN", "fil": "FIL"}
        names = {"any": self.tr("English and Filipino"), "en": self.tr("English"),
                 "fil": self.tr("Filipino")}
        return labels, names

    def _label_channels(self) -> None:
        labels = self._channel_labels()
        for channel, button in self._channel_buttons.items():
            button.setText(labels[channel])
            button.setAccessibleName(self.tr("Channel: %1").replace("%1", labels[channel]))

    def _label_langs(self) -> None:
        labels, names = self._lang_labels()
        for lang, button in self._lang_buttons.items():
            button.setText(labels[lang])
            button.setAccessibleName(self.tr("Search cards in: %1").replace("%1", names[lang]))
            button.setToolTip(button.accessibleName())

    # --- reacting ------------------------------------------------------------------------

    def _on_stage_clicked(self) -> None:
        key = self._sender_key()
        stage = None if key == self._state.stage else key
        if stage and stage == self._next_stage:
            self.set_next_stage("")
        self.set_state(replace(self._state, stage=stage))

    def _on_tag_clicked(self) -> None:
        self._toggle_tag(self._sender_key())

    def _on_channel_clicked(self) -> None:
        self.set_state(replace(self._state, channel=self._sender_key()))

    def _on_lang_clicked(self) -> None:
        self.set_state(replace(self._state, lang=self._sender_key()))

    def _on_clear_clicked(self) -> None:
        self.clear()

    def refresh_palette(self) -> None:
        """The app palette changed (dark/light switched live). Style sheets resolve
        palette(...) when applied, so apply them again; the window calls this."""
        if not self._built:
            return
        for widget in (self, self.filters_row):
            widget.setStyleSheet("")
            widget.setStyleSheet(_STYLE)
        self._tint_icons()

    def _tint_icons(self) -> None:
        if not self._built:
            return
        color = self.palette().color(self.foregroundRole())
        for channel, button in self._channel_buttons.items():
            if channel != "any":
                button.setIcon(themed_icon(channel, color))

    def _sender_key(self) -> str:
        sender = self.sender()
        return str(sender.property("key")) if sender is not None else ""

    def _sync_buttons(self) -> None:
        state = self._state
        for stage, button in (*self._stage_buttons.items(), *self._step_buttons.items()):
            button.setChecked(stage == state.stage)
        for tag, button in self._tag_buttons.items():
            button.setChecked(tag in state.tags)
        for channel, button in self._channel_buttons.items():
            button.setChecked(channel == state.channel)
        for lang, button in self._lang_buttons.items():
            button.setChecked(lang == state.lang)
        self._fill_menus()

    def _set_property(self, widget: QWidget, name: str, value: bool) -> None:
        if bool(widget.property(name)) == value:
            return
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        widget.update()

