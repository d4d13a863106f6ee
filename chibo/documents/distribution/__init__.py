"""Distribution of documents down the tree, read receipts and bookmarks.

`actions` writes (distribute, record a read, toggle a bookmark); `queries` reads (the member's
documents, the sender's read rates per unit and the members behind).
"""
