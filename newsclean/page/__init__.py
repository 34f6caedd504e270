"""Helpers for finding the article in a dump of a whole web page (used by stage content).

None of them is a stage: stage content (``stages/content.py``) calls them in its
cascade, in this order:

* ``cards``: teaser cards whose headline and summary the dump glued together;
* ``figures``: captions found by their marks (credits, labels, gallery numbers);
* ``region``: the densest runs of blocks, by their votes for the article;
* ``lists``: the lines of a list the article announces, bullet points between its
  paragraphs;
* ``headline``: the headline ranked among the lines just above the article;
* ``byline``: the author line by the headline;
* ``copies``: a block that prints the article again.
"""
