// PersonaExplorer browser helpers, called from components through IJSRuntime.
window.personaExplorer = {
    // Keeps the message list scrolled to the newest message while the user is near the bottom.
    autoScroll(id) {
        const list = document.getElementById(id);
        if (!list) return;
        let pinned = true;
        list.addEventListener('scroll', () => { pinned = list.scrollHeight - list.scrollTop - list.clientHeight < 80; });
        // Also when the virtualised earlier messages render into view: until the person scrolls up, the end stays in view.
        new MutationObserver(() => { if (pinned) list.scrollTop = list.scrollHeight; })
            .observe(list, { childList: true, subtree: true, characterData: true });
        list.pinToEnd = () => { pinned = true; list.scrollTop = list.scrollHeight; };
        list.scrollTop = list.scrollHeight;
    },

    // A message of one's own was sent: its answer is followed even when the person had scrolled up to read.
    scrollToEnd(id) {
        document.getElementById(id)?.pinToEnd?.();
    },

    // Enter sends (Shift+Enter adds a line); a paste longer than maxPaste is refused before it reaches the circuit.
    chatInput(boxId, dotnet, maxPaste) {
        const box = document.getElementById(boxId);
        if (!box) return;
        const field = box.querySelector('textarea, input');
        if (!field) return;
        field.addEventListener('keydown', e => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                // The field's own value is sent: the Send button's enabled state may lag one round trip behind typing.
                e.preventDefault();
                dotnet.invokeMethodAsync('SendFromKeyboard', field.value);
            }
        });
        field.addEventListener('paste', e => {
            const text = (e.clipboardData || window.clipboardData)?.getData('text') ?? '';
            if (text.length + field.value.length > maxPaste) {
                e.preventDefault();
                dotnet.invokeMethodAsync('PasteRefused', text.length);
            }
        });
    },
};
