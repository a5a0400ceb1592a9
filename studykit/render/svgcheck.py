"""Is a figure's SVG safe to ship: static drawing only, nothing that runs or reaches outside it.

Figures go into Anki media, the answer keys and the PDFs as they are, so they
are checked like text: parsed with a real XML parser (expat), every element
and attribute on an allow-list, no script, no event handlers, no DTD or
entities, no processing instructions, and every reference (href, url(...))
pointing inside the SVG itself; <image> may embed a data: picture only.
"""
from __future__ import annotations

import re
from xml.parsers import expat

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# the metadata matplotlib writes (Dublin Core in RDF): identifiers, never fetched
METADATA_NAMESPACES = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/",
                       "http://creativecommons.org/ns#"}
METADATA_ATTRIBUTES = {"http://www.w3.org/1999/02/22-rdf-syntax-ns# about",
                       "http://www.w3.org/1999/02/22-rdf-syntax-ns# resource"}

ELEMENTS = set("""
svg g defs symbol use path rect circle ellipse line polyline polygon text tspan textPath title desc
metadata clipPath mask pattern linearGradient radialGradient stop marker image style switch filter
feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
feDisplacementMap feDistantLight feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge
feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence
""".split())
ATTRIBUTES = set("""
id class style transform d x y x1 y1 x2 y2 cx cy r rx ry fx fy width height viewBox preserveAspectRatio
points pathLength fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin
stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity clip-path clip-rule
clipPathUnits mask maskUnits maskContentUnits font-family font-size font-weight font-style font-variant
text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
text-decoration dx dy rotate textLength lengthAdjust startOffset method spacing writing-mode offset
stop-color stop-opacity gradientUnits gradientTransform spreadMethod patternUnits patternContentUnits
patternTransform markerWidth markerHeight markerUnits refX refY orient marker-start marker-mid
marker-end version baseProfile visibility display overflow color color-interpolation
color-interpolation-filters vector-effect shape-rendering text-rendering image-rendering paint-order
isolation mix-blend-mode filter filterUnits primitiveUnits in in2 result stdDeviation mode operator k1 k2
k3 k4 values type tableValues slope intercept amplitude exponent kernelMatrix order divisor bias
targetX targetY edgeMode preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent
kernelUnitLength lighting-color flood-color flood-opacity scale xChannelSelector yChannelSelector
azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle radius baseFrequency numOctaves
seed stitchTiles media requiredFeatures requiredExtensions systemLanguage
""".split())
SVG11_PUBLIC_ID = "-//W3C//DTD SVG 1.1//EN"
HREFS = {"href", f"{XLINK} href"}
URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
DATA_PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")
CSS_FORBIDDEN = re.compile(r"@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.I)


def svg_problems(data: bytes) -> list[tuple[int, str]]:
    """(line, message) for everything in this SVG that may not ship; [] when it is safe."""
    problems: list[tuple[int, str]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[str] = []
    style_text: list[str] = []

    def add(message: str) -> None:
        problems.append((parser.CurrentLineNumber, message))

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        in_metadata = "metadata" in stack
        if not stack and (namespace, local) != (SVG, "svg"):
            add(f"the document is <{local}>, not an SVG drawing")
        stack.append(local)
        if in_metadata and namespace in METADATA_NAMESPACES:
            allowed = METADATA_ATTRIBUTES
        elif namespace == SVG and local in ELEMENTS:
            allowed = ATTRIBUTES
        else:
            add(f"<{local}> is not allowed in a figure")
            return
        for attribute, value in attributes.items():
            attribute_ns, _, attribute_local = attribute.rpartition(" ")
            shown = attribute_local if attribute_ns in ("", XLINK, XML) else attribute
            if attribute_local.lower().startswith("on"):
                add(f"event handler '{shown}' is not allowed in a figure")
            elif attribute in HREFS:
                _check_href(local, value, add)
            elif attribute_ns == XML and attribute_local == "space":
                continue
            elif attribute not in allowed:
                add(f"attribute '{shown}' of <{local}> is not allowed in a figure")
            else:
                _check_urls(value, f"attribute '{shown}'", add)

    def end(name: str) -> None:
        if stack.pop() == "style":
            _check_urls("".join(style_text), "<style>", add)
            style_text.clear()

    def text(data: str) -> None:
        if stack and stack[-1] == "style":
            style_text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    def doctype(name: str, system_id: str | None, public_id: str | None, has_internal_subset: int) -> None:
        # the standard SVG 1.1 declaration (as matplotlib writes it) is harmless: expat never loads it
        if name != "svg" or has_internal_subset or public_id not in (None, SVG11_PUBLIC_ID):
            add("a DOCTYPE other than the standard SVG one (and with it entities) is not allowed in a figure")
            raise _Refused  # stop before expat expands any entity

    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = lambda target, data: add(
        f"processing instruction <?{target}?> is not allowed in a figure")
    try:
        parser.Parse(data, True)
    except expat.ExpatError as err:
        problems.append((err.lineno, f"not valid SVG: {expat.ErrorString(err.code)}"))
    except _Refused:
        pass
    return problems


class _Refused(Exception):
    pass


def _check_href(element: str, value: str, add) -> None:
    value = value.strip()
    if value.startswith("#"):
        return
    if element == "image" and DATA_PICTURE.match(value):
        return
    shown = value if len(value) <= 60 else value[:57] + "..."
    add(f"reference '{shown}' in <{element}> points outside the figure (only '#id' references, "
        "and data: pictures in <image>, are allowed)")


def _check_urls(value: str, where: str, add) -> None:
    if CSS_FORBIDDEN.search(value):
        add(f"{where} holds '{CSS_FORBIDDEN.search(value).group(0)}', which is not allowed in a figure")
    for match in URL.finditer(value):
        if not match.group(2).strip().startswith("#"):
            add(f"{where} refers to '{match.group(2).strip()[:60]}' outside the figure (only url(#id) is allowed)")
