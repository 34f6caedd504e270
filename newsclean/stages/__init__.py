"""The stages, in the order the pipeline runs them."""
from __future__ import annotations

from .base import Stage
from .body import Body
from .byline import Byline
from .captions import Captions
from .content import Content
from .credits import Credits
from .dateline import Dateline
from .end_marker import EndMarker
from .furniture import Furniture
from .genre import Genre
from .normalise import Normalise
from .post_nav import PostNav
from .repeats import Repeats
from .segment import Segment
from .teasers import Teasers
from .title import Title
from .user_rules import UserRules
from .widgets import Widgets

STAGE_CLASSES: tuple[type[Stage], ...] = (
    Normalise, Segment, UserRules, Genre, EndMarker, Widgets, Furniture, Teasers, Repeats, Content, Credits,
    Title, Dateline, Captions, PostNav, Byline, Body,
)

__all__ = ["STAGE_CLASSES", "Stage"] + [c.__name__ for c in STAGE_CLASSES]
