export interface CoopCardDto {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  villageZh: string;
  villageEn: string;
  imagePath: string | null;
  productCount: number;
}

export interface ProductCardDto {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  category: string;
  imagePath: string | null;
  coopSlug: string;
  coopNameZh: string;
  coopNameEn: string;
  originTownZh: string;
  originTownEn: string;
  /** The lowest price among the variants on sale. */
  minPriceFen: number;
  /** The highest: a card says "from" only when the two differ. */
  maxPriceFen: number;
  /** Units on hand over the variants on sale. */
  totalStock: number;
}
