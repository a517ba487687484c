"""Converts one .docx to HTML inside a child process with hard limits (see ``docx.py``).

Run as a script (``python -I docx_child.py <placeholder> <memory bytes> <cpu seconds>``),
never imported by the portal: it must not need Django. The document comes on stdin;
stdout gets JSON with the HTML, mammoth's messages and the embedded images (base64),
each image referred to in the HTML by ``<placeholder>-<n>``.
Exit status: 0 converted, 2 unreadable document, 3 out of memory.
"""

import base64
import json
import resource
import sys

UNREADABLE, OUT_OF_MEMORY = 2, 3

# The section title is the page heading, so Word's "Heading 1" becomes h2.
STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h4:fresh
p[style-name='Judul 1'] => h2:fresh
p[style-name='Judul 2'] => h3:fresh
p[style-name='Judul 3'] => h4:fresh
p[style-name='Subtitle'] => h3:fresh
"""


def main() -> int:
    placeholder, memory, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    # First thing, before the document is read: past these the kernel stops us.
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    try:
        import io

        import mammoth

        document = io.BytesIO(sys.stdin.buffer.read())
        images = []

        def convert(image):
            with image.open() as stream:
                data = stream.read()
            attributes = {"src": f"{placeholder}-{len(images)}"}
            if image.alt_text:
                attributes["alt"] = image.alt_text
            images.append(
                {
                    "content_type": image.content_type or "",
                    "data": base64.b64encode(data).decode("ascii"),
                }
            )
            return attributes

        try:
            result = mammoth.convert_to_html(
                document, style_map=STYLE_MAP, convert_image=mammoth.images.img_element(convert)
            )
        except MemoryError:
            raise
        except Exception as error:
            # A damaged or hostile file may fail anywhere inside the parser; to the user
            # it is all the same: this file cannot be read.
            print(f"{type(error).__name__}: {error}"[:500], file=sys.stderr)
            return UNREADABLE
        output = {
            "html": result.value,
            "messages": [str(message.message) for message in result.messages],
            "images": images,
        }
        sys.stdout.write(json.dumps(output))
    except MemoryError:
        return OUT_OF_MEMORY
    return 0


if __name__ == "__main__":
    sys.exit(main())
