"""The chat: the conversation view, its messages, the input bar, the sidebar and the controllers that drive them."""
