"""A build's products: each made once, given by the build layer where it says so, and
never carried to another process."""

import pickle

from macros.data.products import Product
from macros.generator.context import packed
from macros.publish.downloads import downloads


def test_a_product_is_made_once_and_a_given_value_wins_over_the_maker():
    made = []
    product: Product[int] = Product()
    assert product.get(lambda: made.append(1) or len(made)) == 1
    assert product.get(lambda: made.append(1) or len(made)) == 1
    assert made == [1]
    given: Product[str] = Product()
    given.give("from the publisher")
    assert given.get(lambda: "made here") == "from the publisher"


def test_the_downloads_are_made_once_a_build_and_the_packed_context_has_none(built):
    first = downloads(built)
    assert downloads(built) is first
    other = pickle.loads(packed(built))
    assert other.products.downloads.get(lambda: "not made yet") == "not made yet"
    assert other.data.keys() == built.data.keys()
    # A worker's context keeps the bytes it came in: every process keys the whole package's
    # outputs alike (data/cache.py).
    from macros.outputs.publishing import unpacked

    assert unpacked(packed(built)).fingerprint() == built.fingerprint()
