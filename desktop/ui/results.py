"""The results list: one QAbstractListModel of search rows and the delegate that paints them.

A row is one card (its English and Filipino versions merged) or one document passage.
The delegate paints: channel icon, title, language badges, pin; stage label and tag
chips; a two-line snippet with the query words highlighted. Card snippets show the call
panel's values in place of {customer}, {agent}, {issue} and {minutes}, as the card does
(the window passes them in with ResultsModel.set_placeholders; search never sees them).
Colours come from the palette so the list reads in dark and light themes.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import lru_cache

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPixmap,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.core.render import fill_placeholders, plain_text_html
from desktop.core.search import Hit
from desktop.core.session import (  # noqa: F401  (re-exported for the window and tests)
    LANG_ORDER,
    ResultRow,
    hit_from_card,
    home_first,
    mark_rows,
    merge_twins,
)
from desktop.core.taxonomy import Taxonomy, default_taxonomy
from desktop.ui.icons import themed_pixmap
from desktop.ui.themes import readable

AnyIndex = QModelIndex | QPersistentModelIndex
PlaceholderValues = tuple[tuple[str, str], ...]  # sorted (name, value), only filled names
SNIPPET_LINES = 2


class Role(IntEnum):
    Row = Qt.ItemDataRole.UserRole + 1
    CardId = Qt.ItemDataRole.UserRole + 2
    Lang = Qt.ItemDataRole.UserRole + 3
    Langs = Qt.ItemDataRole.UserRole + 4
    Stage = Qt.ItemDataRole.UserRole + 5
    StageLabel = Qt.ItemDataRole.UserRole + 6
    Tags = Qt.ItemDataRole.UserRole + 7
    TagLabels = Qt.ItemDataRole.UserRole + 8
    Channel = Qt.ItemDataRole.UserRole + 9
    Snippet = Qt.ItemDataRole.UserRole + 10  # as shown: placeholders filled, one line
    Terms = Qt.ItemDataRole.UserRole + 11
    Kind = Qt.ItemDataRole.UserRole + 12
    Pinned = Qt.ItemDataRole.UserRole + 13
    Paint = Qt.ItemDataRole.UserRole + 14  # RowLabels: one call per painted row


# --- pure helpers ------------------------------------------------------------------------


def placeholder_key(values: Mapping[str, str]) -> PlaceholderValues:
    """Call-panel values as a hashable key: trimmed, empty ones left out, sorted."""
    return tuple(sorted((str(k), str(v).strip()) for k, v in values.items()
                        if str(v).strip()))


@lru_cache(maxsize=1024)
def shown_snippet(text: str, values: PlaceholderValues = ()) -> str:
    """A card snippet as the list shows it: placeholders with a value filled in (the
    others stay as written) and whitespace collapsed. Cached: the same top cards come
    back on every keystroke."""
    if values and "{" in text:
        text = fill_placeholders(text, dict(values))
    return " ".join(text.split())


_WORD_CHARS = re.compile(r"\w+", re.UNICODE)
MIN_PREFIX = 2  # one-letter terms ("i" of "i-hold") would light up every "I"


def highlight_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, length) of the query words in `text`, in text order, not overlapping.

    A one-word term marks words starting with it ("hold" marks "holding"); a term with
    spaces or hyphens ("on hold", "i-hold") marks only that exact phrase.
    """
    folded = text.casefold()
    if len(folded) != len(text):  # rare characters that change length when folded
        folded = text.lower()
    spans: list[tuple[int, int]] = []
    for term in {t.casefold().strip() for t in terms if t and t.strip()}:
        if _WORD_CHARS.fullmatch(term):
            if len(term) >= MIN_PREFIX:
                spans.extend(_prefix_spans(folded, term))
        else:
            spans.extend(_phrase_spans(folded, term))
    return _merge(spans)


def _prefix_spans(folded: str, term: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<!\w){re.escape(term)}", re.UNICODE)
    return [(m.start(), len(term)) for m in pattern.finditer(folded)]


def _phrase_spans(folded: str, term: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.UNICODE)
    return [(m.start(), len(term)) for m in pattern.finditer(folded)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, length in sorted(spans):
        if merged and start <= merged[-1][0] + merged[-1][1]:
            last_start, last_length = merged[-1]
            merged[-1] = (last_start, max(last_length, start + length - last_start))
        else:
            merged.append((start, length))
    return merged


# --- model -------------------------------------------------------------------------------


class ResultsModel(QAbstractListModel):
    """Rows of the newest search. Labels are computed once per reset, not per paint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []
        self._labels: list[RowLabels] = []
        self._taxonomy: Taxonomy = default_taxonomy()
        self._ui_lang = "en"
        self._values: PlaceholderValues = ()

    # reading

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column():
            return None
        row = self._rows[index.row()]
        if role == Role.Paint:
            return self._labels[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_text_html(self._labels[index.row()].snippet)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible_text(index.row())
        if role < Qt.ItemDataRole.UserRole:
            return None  # the delegate paints everything; no fonts, colours or icons here
        return self._custom_data(index.row(), role)

    def _custom_data(self, number: int, role: int) -> object:
        row, labels, hit = self._rows[number], self._labels[number], self._rows[number].hit
        getters: dict[int, Callable[[], object]] = {
            Role.Row: lambda: row,
            Role.CardId: lambda: hit.id,
            Role.Lang: lambda: hit.lang,
            Role.Langs: lambda: list(row.langs),
            Role.Stage: lambda: hit.stage,
            Role.StageLabel: lambda: labels.stage,
            Role.Tags: lambda: list(hit.tags),
            Role.TagLabels: lambda: list(labels.tags),
            Role.Channel: lambda: hit.channel,
            Role.Snippet: lambda: labels.snippet,
            Role.Terms: lambda: list(hit.terms),
            Role.Kind: lambda: hit.kind,
            Role.Pinned: lambda: row.pinned,
        }
        getter = getters.get(role)
        return getter() if getter else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(role): QByteArray(role.name.encode()) for role in Role})
        return names

    def rows(self) -> list[ResultRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find(self, key: str) -> int:
        """Row number of the card/document with `key` (ResultRow.key), or -1."""
        return next((n for n, row in enumerate(self._rows) if row.key == key), -1)

    def stage_label(self, hit: Hit) -> str:
        if hit.kind != "card":
            return self.tr("Guide")
        return self._taxonomy.stage_label(hit.stage, self._ui_lang)

    # writing

    def set_rows(self, rows: Sequence[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._labels = [self._label(row) for row in self._rows]
        self.endResetModel()

    def set_pinned(self, favorites: Iterable[str]) -> None:
        favored = set(favorites)
        for n, row in enumerate(self._rows):
            pinned = row.hit.kind == "card" and row.hit.id in favored
            if pinned != row.pinned:
                self._rows[n] = replace(row, pinned=pinned)
                self._labels[n] = self._label(self._rows[n])
                index = self.index(n, 0)
                self.dataChanged.emit(index, index, [Role.Pinned, Role.Paint])

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        self._taxonomy = taxonomy
        self._relabel()

    def set_ui_language(self, lang: str) -> None:
        if lang != self._ui_lang:
            self._ui_lang = lang
            self._relabel()

    def set_placeholders(self, values: Mapping[str, str]) -> None:
        """The call panel's {customer}, {agent}, {issue}, {minutes}: card snippets show them
        filled in, like the card does. Rows whose snippet changes repaint."""
        key = placeholder_key(values)
        if key == self._values:
            return
        self._values = key
        old = self._labels
        self._labels = [self._label(row) for row in self._rows]
        changed = [n for n, (a, b) in enumerate(zip(old, self._labels, strict=True))
                   if a.snippet != b.snippet]
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], 0),
                                  [Role.Snippet, Role.Paint, Qt.ItemDataRole.ToolTipRole,
                                   Qt.ItemDataRole.AccessibleTextRole])

    def placeholders(self) -> dict[str, str]:
        return dict(self._values)

    def _label(self, row: ResultRow) -> RowLabels:
        tags = tuple(self._taxonomy.tag_label(t, self._ui_lang) for t in row.hit.tags)
        # Guides are shown as written in the card pane, so their snippets are too.
        values = self._values if row.hit.kind == "card" else ()
        return RowLabels(row, self.stage_label(row.hit), tags,
                         shown_snippet(row.hit.snippet, values))

    def _relabel(self) -> None:
        self._labels = [self._label(row) for row in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0),
                                  [Role.StageLabel, Role.TagLabels, Role.Paint])

    def _accessible_text(self, number: int) -> str:
        row, labels = self._rows[number], self._labels[number]
        parts = [row.hit.title, labels.stage, *labels.tags,
                 " / ".join(lang.upper() for lang in row.langs)]
        if row.pinned:
            parts.append(self.tr("pinned"))
        parts.append(labels.snippet)
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class RowLabels:
    """Everything the delegate paints for one row, in the UI language."""

    row: ResultRow
    stage: str
    tags: tuple[str, ...]
    snippet: str  # placeholders filled from the call panel, whitespace collapsed

    def head(self) -> tuple[object, ...]:
        """What the title and meta lines show (not the snippet, the score or the path)."""
        hit = self.row.hit
        return (hit.channel, hit.title, self.row.langs, self.row.pinned, self.stage, self.tags)


# --- delegate ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _RowStyle:
    """Fonts, metrics, colours and icons for one (font, palette, selected, dpr) combination."""

    title: QFont
    small: QFont
    body: QFont
    title_metrics: QFontMetrics
    small_metrics: QFontMetrics
    body_metrics: QFontMetrics
    colors: _RowColors
    icons: dict[str, QPixmap]
    icon_size: int


class ResultDelegate(QStyledItemDelegate):
    """Paints one result row. Rows repaint on every keystroke, so everything that does not
    depend on the row (fonts, colours, icons) is built once; each row's title and meta
    lines are kept as a pixmap and its snippet layout too, in small LRU caches: the top
    cards of "hol" and "hold" are mostly the same, and drawing those lines from their parts
    takes a dozen Python calls into Qt, about half a millisecond a row, while the list
    repaints every row at once. (The snippet's highlights change with the words typed.)"""

    PAD = 6
    GAP = 3
    LAYOUT_CACHE = 256
    HEAD_CACHE = 128  # a few screens of rows; ~40 KB each at 1x

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._styles: dict[tuple[object, ...], _RowStyle] = {}
        self._layouts: OrderedDict[tuple[object, ...], QTextLayout] = OrderedDict()
        self._heads: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        style = self._style(option, False, 1.0)
        height = (style.title_metrics.height() + style.small_metrics.height() + 4
                  + style.body_metrics.lineSpacing() * SNIPPET_LINES
                  + 2 * self.PAD + 2 * self.GAP)
        return QSize(160, height)  # rows stretch to the list's width; never wider than it

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        labels = index.data(Role.Paint)
        if not isinstance(labels, RowLabels):
            super().paint(painter, option, index)
            return
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option,
                                         painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ratio = painter.device().devicePixelRatioF()
        style = self._style(option, selected, ratio)
        palette_key = (option.palette.cacheKey(), selected)
        rect: QRect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        top = self._head(labels, style, rect.width(), ratio, (option.font.key(), *palette_key))
        painter.drawPixmap(rect.topLeft(), top)
        y = rect.top() + round(top.height() / top.devicePixelRatio())
        painter.save()
        self._paint_snippet(painter, QRect(rect.left(), y + self.GAP, rect.width(),
                                           rect.bottom() - y - self.GAP), labels, style,
                            palette_key)
        painter.restore()

    def _head(self, labels: RowLabels, style: _RowStyle, width: int, ratio: float,
              look: tuple[object, ...]) -> QPixmap:
        """The title and meta lines, from the cache or drawn on a transparent pixmap (the
        selection background is the style's, drawn under it on each paint)."""
        key = (labels.head(), width, ratio, *look)
        pixmap = self._heads.get(key)
        if pixmap is not None:
            self._heads.move_to_end(key)
            return pixmap
        height = style.title_metrics.height() + self.GAP + style.small_metrics.height() + 4
        pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        rect = QRect(0, 0, width, height)
        y = self._paint_title_line(painter, rect, labels.row, style)
        self._paint_meta_line(painter, rect, y + self.GAP, labels, style)
        painter.end()
        self._heads[key] = pixmap
        if len(self._heads) > self.HEAD_CACHE:
            self._heads.popitem(last=False)
        return pixmap

    def _style(self, option: QStyleOptionViewItem, selected: bool, ratio: float) -> _RowStyle:
        key = (option.font.key(), option.palette.cacheKey(), selected, ratio)
        cached = self._styles.get(key)
        if cached is None:
            if len(self._styles) > 16:
                self._styles.clear()
            cached = self._styles[key] = _make_style(option.font, option.palette, selected,
                                                     ratio)
        return cached

    def _paint_title_line(self, painter: QPainter, rect: QRect, row: ResultRow,
                          style: _RowStyle) -> int:
        height = style.title_metrics.height()
        size = style.icon_size
        left, right = rect.left(), rect.right()
        icon_top = rect.top() + (height - size) // 2
        channel_icon = style.icons.get(row.hit.channel)
        if channel_icon is not None:
            painter.drawPixmap(left, icon_top, channel_icon)
        left += size + 4
        if row.pinned:
            right -= size
            painter.drawPixmap(right + 1, icon_top, style.icons["pin-on"])
            right -= 4
        right = self._paint_lang_badges(painter, right, rect.top(), height, row.langs, style)
        painter.setFont(style.title)
        painter.setPen(style.colors.text)
        title = style.title_metrics.elidedText(row.hit.title, Qt.TextElideMode.ElideRight,
                                               max(0, right - left - 6))
        painter.drawText(QRect(left, rect.top(), right - left, height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        return rect.top() + height

    def _paint_lang_badges(self, painter: QPainter, right: int, top: int, height: int,
                           langs: Sequence[str], style: _RowStyle) -> int:
        metrics = style.small_metrics
        painter.setFont(style.small)
        painter.setPen(style.colors.muted)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for lang in reversed(langs):
            text = lang.upper()
            width = metrics.horizontalAdvance(text) + 8
            box = QRect(right - width, top + (height - metrics.height()) // 2, width,
                        metrics.height())
            painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
            right -= width + 3
        return right

    def _paint_meta_line(self, painter: QPainter, rect: QRect, top: int, labels: RowLabels,
                         style: _RowStyle) -> int:
        metrics = style.small_metrics
        height = metrics.height() + 4
        painter.setFont(style.small)
        x = rect.left()
        if labels.stage:
            width = metrics.horizontalAdvance(labels.stage)
            painter.setPen(style.colors.accent)
            painter.drawText(QRect(x, top, width + 1, height),
                             int(Qt.AlignmentFlag.AlignVCenter), labels.stage)
            x += width + 8
        radius = (height - 2) / 2
        for label in labels.tags:
            width = metrics.horizontalAdvance(label) + 10
            if x + width > rect.right():
                break
            chip = QRectF(x, top + 1, width, height - 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.colors.chip)
            painter.drawRoundedRect(chip, radius, radius)
            painter.setPen(style.colors.text)
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), label)
            x += width + 4
        return top + height

    def _paint_snippet(self, painter: QPainter, rect: QRect, labels: RowLabels,
                       style: _RowStyle, palette_key: tuple[object, ...]) -> None:
        # labels.snippet is already filled (the model caches it per (text, values)); the
        # layout, highlights included, is cached per shown text, so a changed call-panel
        # value lays out once and typing the same query again costs nothing.
        text, terms = labels.snippet, labels.row.hit.terms
        if rect.height() <= 0 or not text:
            return
        key = (text, terms, style.body.key(), rect.width(), *palette_key)
        layout = self._layouts.get(key)
        if layout is None:
            layout = _snippet_layout(text, terms, style.body, style.colors, rect.width())
            self._layouts[key] = layout
            if len(self._layouts) > self.LAYOUT_CACHE:
                self._layouts.popitem(last=False)
        else:
            self._layouts.move_to_end(key)
        painter.setPen(style.colors.snippet)
        layout.draw(painter, QPointF(rect.topLeft()))


def _make_style(base: QFont, palette: QPalette, selected: bool, ratio: float) -> _RowStyle:
    title = QFont(base)
    title.setBold(True)
    small = QFont(base)
    small.setPointSizeF(max(6.0, base.pointSizeF() * 0.85))
    colors = _RowColors.of(palette, selected)
    title_metrics = QFontMetrics(title)
    size = min(16, title_metrics.height())
    icons = {name: themed_pixmap(name, colors.muted, size, ratio) for name in ("phone", "chat")}
    icons["pin-on"] = themed_pixmap("pin-on", colors.accent, size, ratio)
    return _RowStyle(title, small, QFont(base), title_metrics, QFontMetrics(small),
                     QFontMetrics(base), colors, icons, size)


@dataclass(frozen=True)
class _RowColors:
    text: QColor
    muted: QColor
    snippet: QColor
    accent: QColor
    chip: QColor
    mark: QColor

    @classmethod
    def of(cls, palette: QPalette, selected: bool) -> _RowColors:
        group = QPalette.ColorRole
        fg = palette.color(group.HighlightedText if selected else group.Text)
        bg = palette.color(group.Highlight if selected else group.Base)
        # The stage label in the Link colour: a dark-blue link on a dark theme's black list
        # was unreadable, so every text colour is checked against the background.
        accent = fg if selected else readable(palette.color(group.Link), bg)
        chip = blend(fg, bg, 0.85)
        return cls(text=fg, muted=readable(blend(fg, bg, 0.35), chip),
                   snippet=readable(blend(fg, bg, 0.15), bg), accent=accent, chip=chip,
                   mark=blend(palette.color(group.Highlight), bg, 0.55) if not selected
                   else blend(fg, bg, 0.7))


def blend(a: QColor, b: QColor, amount_b: float) -> QColor:
    """`a` mixed with `amount_b` of `b` (0 = a, 1 = b)."""
    keep = 1.0 - amount_b
    return QColor(round(a.red() * keep + b.red() * amount_b),
                  round(a.green() * keep + b.green() * amount_b),
                  round(a.blue() * keep + b.blue() * amount_b))


def _snippet_layout(text: str, terms: Sequence[str], font: QFont, colors: _RowColors,
                    width: int) -> QTextLayout:
    """Lay out at most SNIPPET_LINES lines, ending in "…" when the snippet is longer."""
    layout = _layout(text, terms, font, colors, width)
    if layout.lineCount() <= SNIPPET_LINES:
        return layout
    last = layout.lineAt(SNIPPET_LINES - 1)
    cut = max(0, last.textStart() + last.textLength() - 2)
    for _ in range(8):  # the "…" can push the last word onto a line of its own: cut more
        layout = _layout(text[:cut].rstrip() + "…", terms, font, colors, width)
        if layout.lineCount() <= SNIPPET_LINES:
            break
        space = text.rfind(" ", 0, max(0, cut - 1))
        cut = space if space > 0 else max(0, cut - 4)
    return layout


def _layout(text: str, terms: Sequence[str], font: QFont, colors: _RowColors,
            width: int) -> QTextLayout:
    layout = QTextLayout(text, font)
    formats = []
    for start, length in highlight_spans(text, terms):
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setBackground(colors.mark)
        fmt.setForeground(colors.text)
        span = QTextLayout.FormatRange()
        span.start, span.length, span.format = start, length, fmt
        formats.append(span)
    layout.setFormats(formats)
    layout.beginLayout()
    y = 0.0
    for _ in range(SNIPPET_LINES + 1):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout
