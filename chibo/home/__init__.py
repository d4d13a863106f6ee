"""The app shell: the home page and the menu. It sits on top of the layers and may read any
module's queries; modules never import it (docs/architecture.md)."""
