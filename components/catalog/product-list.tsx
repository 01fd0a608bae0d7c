import { useTranslations } from "next-intl";
import { ProductCard, ProductGrid } from "@/components/product/product-card";
import type { ProductCardDto } from "@/lib/catalog/contract";
import type { Locale } from "@/lib/i18n/locales";

/** A grid of product cards with their price and stock labels in the page's language. */
export function ProductList({ products, locale }: { products: ProductCardDto[]; locale: Locale }) {
  const t = useTranslations("product");
  const labels = {
    from: (price: string) => t("from", { price }),
    soldOut: t("soldOut"),
    onlyLeft: (count: number) => t("onlyLeft", { count }),
  };
  return (
    <ProductGrid>
      {products.map((p) => (
        <ProductCard key={p.id} product={p} locale={locale} labels={labels} />
      ))}
    </ProductGrid>
  );
}
