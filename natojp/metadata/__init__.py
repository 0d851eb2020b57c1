"""Article metadata: title, outlet and publication date, each with its basis.

::

    manifest.py   manifest files: facts known about each article
    article.py    build_article: source + cleaning + manifest → Article

Sources, in order of precedence:

``manifest``
    a ``manifest.toml`` beside the articles (or given with ``--manifest``) that
    records what is known about each article and where that knowledge comes from;
``metadata``
    a structured field of the source (CSV column, JSON key, HTML meta tags, SGML);
``text``
    found in the article's own text by cleaning (a headline line, a
    ``Published Date:`` line, an outlet byline);
``derived``
    (titles only) the opening words of the body, flagged ``title_derived``.

Dates are never invented: a date is known only from one of these sources.
"""

from natojp.metadata.article import build_article, derive_title
from natojp.metadata.manifest import MANIFEST_NAME, Manifest, ManifestEntry

__all__ = ["MANIFEST_NAME", "Manifest", "ManifestEntry", "build_article", "derive_title"]
