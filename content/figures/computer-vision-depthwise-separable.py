"""Standard convolution vs depthwise-separable convolution (depthwise k x k, then pointwise 1x1)."""
import matplotlib.patches as patches

from studykit.figurekit import new_figure, to_svg

ALT = ("Top: a standard 3x3 convolution where every output channel's filter spans all input "
       "channels, 3*3*128*256 = 294,912 weights. Bottom: a depthwise 3x3 convolution filters each "
       "input channel separately (3*3*128 = 1,152 weights), then a pointwise 1x1 convolution mixes "
       "channels (128*256 = 32,768 weights), 33,920 in total")

K, C_IN, C_OUT = 3, 128, 256
STANDARD = K * K * C_IN * C_OUT
DEPTHWISE = K * K * C_IN
POINTWISE = C_IN * C_OUT
SEPARABLE = DEPTHWISE + POINTWISE

IN_COLOURS = ["#6fa8dc", "#93c47d", "#f6b26b", "#e06666"]  # 4 drawn input channels stand for C_in
OUT_COLOUR = "#b4a7d6"


def _stack(ax, x, y, colours, size=1.0, step=0.22):
    """A feature map drawn as a stack of channel squares, back to front."""
    for i, colour in reversed(list(enumerate(colours))):
        ax.add_patch(patches.Rectangle((x + i * step, y + i * step), size, size,
                                       facecolor=colour, edgecolor="black", linewidth=0.7))


def _arrow(ax, x0, x1, y):
    ax.annotate("", xy=(x1, y), xytext=(x0, y), arrowprops=dict(arrowstyle="->", linewidth=1.2))


def render() -> str:
    fig, ax = new_figure(7.6, 4.4)
    ax.grid(False)
    ax.axis("off")
    ax.set_aspect("equal")
    # standard convolution
    y = 4.2
    ax.text(0, y + 2.0, "Standard 3x3 convolution", fontsize=11, fontweight="bold")
    _stack(ax, 0, y, IN_COLOURS)
    ax.text(0.9, y - 0.45, r"input, $C_{in}$", ha="center", fontsize=9)
    _arrow(ax, 2.0, 3.0, y + 0.8)
    for f in range(3):  # a few of the C_out filters, each spanning every input channel
        _stack(ax, 3.2 + f * 1.25, y + 0.25, IN_COLOURS, size=0.5, step=0.12)
    ax.text(4.7, y - 0.45, r"$C_{out}$ filters, each 3x3x$C_{in}$", ha="center", fontsize=9)
    _arrow(ax, 6.9, 7.9, y + 0.8)
    _stack(ax, 8.1, y, [OUT_COLOUR] * 6, step=0.15)
    ax.text(9.0, y - 0.45, r"output, $C_{out}$", ha="center", fontsize=9)
    ax.text(10.6, y + 0.6, f"3·3·{C_IN}·{C_OUT}\n= {STANDARD:,}", fontsize=9, va="center")
    # depthwise separable convolution
    y = 0.4
    ax.text(0, y + 2.0, "Depthwise-separable convolution", fontsize=11, fontweight="bold")
    _stack(ax, 0, y, IN_COLOURS)
    ax.text(0.9, y - 0.45, r"input, $C_{in}$", ha="center", fontsize=9)
    _arrow(ax, 2.0, 2.7, y + 0.8)
    for c, colour in enumerate(IN_COLOURS):  # one 3x3 filter per input channel
        ax.add_patch(patches.Rectangle((2.85 + c * 0.55, y + 0.55), 0.45, 0.45,
                                       facecolor=colour, edgecolor="black", linewidth=0.7))
    ax.text(3.9, y - 0.45, "depthwise: one 3x3\nfilter per channel", ha="center", fontsize=9, va="center")
    _arrow(ax, 5.1, 5.6, y + 0.8)
    _stack(ax, 5.7, y, IN_COLOURS)
    _arrow(ax, 7.6, 8.2, y + 0.8)
    ax.text(7.9, y + 1.1, "1x1", ha="center", fontsize=9)
    ax.text(7.1, y - 0.45, "pointwise: mix\nchannels", ha="center", fontsize=9, va="center")
    _stack(ax, 8.3, y, [OUT_COLOUR] * 6, step=0.15)
    ax.text(10.6, y + 0.6, f"3·3·{C_IN} + {C_IN}·{C_OUT}\n= {DEPTHWISE:,} + {POINTWISE:,}\n= {SEPARABLE:,}",
            fontsize=9, va="center")
    ax.set_xlim(-0.2, 13.4)
    ax.set_ylim(-0.6, 6.6)
    return to_svg(fig)
