"""A text input whose editing keys keep their place among the letters typed around them.

Textual's `Input` inserts a printable character in its own key handler, but backspace,
delete, the arrows, enter and the rest are bindings: the key bubbles Input → parent → … →
Screen → App, one message queue per step, before the binding runs. Typed in a burst (fast
fingers, a busy machine, a slow frame), the letters after a backspace are inserted before
the backspace is applied: `tox⌫⌫⌫kasa` becomes `tasa`. This is Textual's open bug
Textualize/textual#6605; until a release fixes it (the open PR #6631 does it this way), the
input runs its own non-priority bindings as the key reaches it. Priority bindings (the
app's `/`) were already tried, by the app, before the key was forwarded here, and keys
bound only by an ancestor still bubble to it as before.
"""

from __future__ import annotations

import inspect

from textual import events
from textual.actions import parse as parse_action
from textual.binding import BindingsMap
from textual.widgets import Input

_EDITS = BindingsMap(Input.BINDINGS)  # Textual's editing keys of an input, none of a subclass's


class InlineKeysInput(Input):
    """An `Input` that applies its own key bindings in order with the characters typed."""

    async def _on_key(self, event: events.Key) -> None:
        # Dispatched before Input's own _on_key (the most derived class first); a handled key
        # is kept from it, from bubbling, and so from the app's second look at the bindings.
        if event.is_printable:
            return  # Input inserts it, as it always has
        if await self._run_own_binding(event.key):
            self._restart_blink()  # as Input does for every key: the cursor shows where it went
            event.stop()
            event.prevent_default()

    async def _run_own_binding(self, key: str) -> bool:
        """Run this input's non-priority binding for `key`, as the app would; whether one ran."""
        for binding in self._own_bindings().key_to_bindings.get(key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                return True
        return False

    def edit_now(self, key: str) -> bool:
        """Apply Textual's own editing binding of an input for `key` (⌫, ←, home…) at once; whether there was one.

        For keys kept before the input was there, replayed in one go with nothing between. Only
        edits of the text: enter, escape and a subclass's keys act beyond it, as typed keys do.
        """
        for binding in _EDITS.key_to_bindings.get(key, ()):
            _, name, arguments = parse_action(binding.action)
            edit = getattr(self, f"action_{name}", None)
            if name != "submit" and callable(edit) and not inspect.iscoroutinefunction(edit):
                edit(*arguments)
                return True
        return False

    def _own_bindings(self) -> BindingsMap:
        bindings = self._bindings.copy()
        keymap = self.app._keymap  # the reader's key remapping, as the app's binding chain applies it
        if keymap:
            bindings.apply_keymap(keymap)
        return bindings
