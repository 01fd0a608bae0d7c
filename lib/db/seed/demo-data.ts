/** The demo seed's content: real places of 嘉善/嘉兴, plausible goods, prices in fen. */
export const DEMO_PASSWORD = "demo-password";

export const demoCoops = [
  {
    id: "coop_daliu",
    slug: "daliu-coop",
    nameZh: "大柳村丰产粮油合作社",
    nameEn: "Daliu Village Fengchan Grain & Oil Cooperative",
    villageZh: "嘉善县惠民街道大柳村",
    villageEn: "Daliu Village, Huimin, Jiashan",
    townZh: "惠民街道",
    townEn: "Huimin",
    phone: "0573-84601234",
    storyZh:
      "大柳村的稻田靠着湖荡,水清土肥。合作社和县网联会合作后,改良了种植技术、升级了包装,把原本滞销的大米做成了网红品牌“湖墩”大米。每一袋都来自本村农户,当季收割,低温仓储,现碾现发。",
    storyEn:
      "Daliu's paddies lie beside the lakes, with clean water and rich soil. Working with the county's internet association, the cooperative improved its growing methods and packaging and turned rice that once went unsold into the popular Hudun brand. Every bag comes from village farms, harvested in season, kept cool and milled to order.",
  },
  {
    id: "coop_yaozhuang",
    slug: "yaozhuang-peach-coop",
    nameZh: "姚庄黄桃专业合作社",
    nameEn: "Yaozhuang Yellow Peach Cooperative",
    villageZh: "嘉善县姚庄镇桃源村",
    villageEn: "Taoyuan Village, Yaozhuang, Jiashan",
    townZh: "姚庄镇",
    townEn: "Yaozhuang",
    phone: "0573-84781234",
    storyZh:
      "姚庄是“中国黄桃之乡”。合作社的桃农坚持树上自然成熟再采摘,果肉金黄、汁多味甜,夏天一早采摘,当天就送到驿站。",
    storyEn:
      "Yaozhuang is known as China's home of the yellow peach. Growers let the fruit ripen on the tree; it is picked early on summer mornings and reaches the stations the same day.",
  },
  {
    id: "coop_xitang",
    slug: "xitang-bazhen-coop",
    nameZh: "西塘八珍糕食品合作社",
    nameEn: "Xitang Bazhen Cake Cooperative",
    villageZh: "嘉善县西塘镇北栅村",
    villageEn: "Beizha Village, Xitang, Jiashan",
    townZh: "西塘镇",
    townEn: "Xitang",
    phone: "0573-84561234",
    storyZh:
      "八珍糕是西塘古镇的老字号点心,用米粉和山药、芡实、莲子等八味食材蒸制。合作社的老师傅沿用传统手艺,每天现做。",
    storyEn:
      "Bazhen cake is a time-honoured snack of the Xitang water town, steamed from rice flour with yam, fox nut, lotus seed and five more ingredients. The cooperative's bakers keep the old recipe and make it fresh every day.",
  },
  {
    id: "coop_pinghu",
    slug: "pinghu-melon-coop",
    nameZh: "平湖广陈西瓜专业合作社",
    nameEn: "Pinghu Guangchen Watermelon Cooperative",
    villageZh: "平湖市广陈镇山塘村",
    villageEn: "Shantang Village, Guangchen, Pinghu",
    townZh: "广陈镇",
    townEn: "Guangchen",
    phone: "0573-85121234",
    storyZh: "平湖西瓜种植已有上百年历史。合作社的瓜田采用大棚和露地轮作,皮薄瓤红、清甜多汁,是嘉兴人夏天的味道。",
    storyEn:
      "Pinghu has grown watermelons for over a century. The cooperative rotates greenhouse and open fields for thin-skinned, red, sweet and juicy melons: the taste of a Jiaxing summer.",
  },
  {
    id: "coop_xincheng",
    slug: "xincheng-huoju-coop",
    nameZh: "新塍镇火炬村农产品合作社",
    nameEn: "Huoju Village Produce Cooperative, Xincheng",
    villageZh: "秀洲区新塍镇火炬村",
    villageEn: "Huoju Village, Xincheng, Xiuzhou",
    townZh: "新塍镇",
    townEn: "Xincheng",
    phone: "0573-83731234",
    storyZh:
      "火炬村河网密布,水红菱和米酒是村里的老味道。合作社把农户的产品统一品控、统一包装,通过网联驿站送到附近乡镇。",
    storyEn:
      "Huoju village is laced with waterways; red water caltrops and sweet rice wine are its old flavours. The cooperative checks and packs what its farmers grow and sends it to nearby towns through the pickup stations.",
  },
] as const;

type DemoVariant = {
  sku: string;
  labelZh: string;
  labelEn: string;
  priceFen: number;
  stock: number;
  weightGrams: number;
};
export interface DemoProduct {
  slug: string;
  coopId: string;
  category: string;
  nameZh: string;
  nameEn: string;
  namePinyin: string;
  summaryZh: string;
  summaryEn: string;
  descriptionZh: string;
  descriptionEn: string;
  originVillageZh: string;
  originVillageEn: string;
  originTownZh: string;
  originTownEn: string;
  harvestBatch: string;
  harvestedOn: string;
  certifications: string[];
  variants: DemoVariant[];
}

const daliu = {
  originVillageZh: "大柳村",
  originVillageEn: "Daliu Village",
  originTownZh: "惠民街道",
  originTownEn: "Huimin",
};
const yaozhuang = {
  originVillageZh: "桃源村",
  originVillageEn: "Taoyuan Village",
  originTownZh: "姚庄镇",
  originTownEn: "Yaozhuang",
};
const xitang = {
  originVillageZh: "北栅村",
  originVillageEn: "Beizha Village",
  originTownZh: "西塘镇",
  originTownEn: "Xitang",
};
const pinghu = {
  originVillageZh: "山塘村",
  originVillageEn: "Shantang Village",
  originTownZh: "广陈镇",
  originTownEn: "Guangchen",
};
const xincheng = {
  originVillageZh: "火炬村",
  originVillageEn: "Huoju Village",
  originTownZh: "新塍镇",
  originTownEn: "Xincheng",
};

export const demoProducts: DemoProduct[] = [
  {
    slug: "hudun-rice",
    coopId: "coop_daliu",
    category: "grain",
    nameZh: "湖墩大米",
    nameEn: "Hudun Rice",
    namePinyin: "hudun dami",
    summaryZh: "大柳村当季新米,米香浓郁,软糯回甜",
    summaryEn: "This season's rice from Daliu: fragrant, soft and sweet",
    descriptionZh:
      "湖墩大米产自嘉善县惠民街道大柳村,粳米品种,一年一季。稻田引湖荡活水灌溉,施用有机肥,收割后低温储存,按订单现碾现发。煮饭时米香扑鼻,冷了也不回生。",
    descriptionEn:
      "Hudun rice grows in Daliu Village, Huimin, Jiashan: a japonica variety with one harvest a year, irrigated from the lakes and fed with organic fertiliser, stored cool after harvest and milled to order. Fragrant when cooked and still soft when cold.",
    ...daliu,
    harvestBatch: "2026 秋收 第1批",
    harvestedOn: "2026-10-28",
    certifications: ["green_food", "geo_indication"],
    variants: [
      { sku: "HUDUN-5KG", labelZh: "5kg 装", labelEn: "5 kg bag", priceFen: 6980, stock: 320, weightGrams: 5000 },
      { sku: "HUDUN-10KG", labelZh: "10kg 装", labelEn: "10 kg bag", priceFen: 12800, stock: 180, weightGrams: 10000 },
    ],
  },
  {
    slug: "hudun-rice-gift",
    coopId: "coop_daliu",
    category: "grain",
    nameZh: "湖墩大米礼盒",
    nameEn: "Hudun Rice Gift Box",
    namePinyin: "hudun dami lihe",
    summaryZh: "真空小包装,送亲友的丰收礼",
    summaryEn: "Vacuum-packed harvest gift for family and friends",
    descriptionZh: "精选湖墩大米,2.5kg×2 真空小包装,配手提礼盒,适合节日馈赠。",
    descriptionEn: "Selected Hudun rice in two vacuum-packed 2.5 kg bags, in a gift box with a handle.",
    ...daliu,
    harvestBatch: "2026 秋收 第1批",
    harvestedOn: "2026-10-28",
    certifications: ["green_food"],
    variants: [
      {
        sku: "HUDUN-GIFT",
        labelZh: "2.5kg×2 礼盒",
        labelEn: "2 × 2.5 kg gift box",
        priceFen: 15800,
        stock: 60,
        weightGrams: 5400,
      },
    ],
  },
  {
    slug: "daliu-rapeseed-oil",
    coopId: "coop_daliu",
    category: "oil",
    nameZh: "大柳村菜籽油",
    nameEn: "Daliu Rapeseed Oil",
    namePinyin: "daliucun caiziyou",
    summaryZh: "古法压榨,菜籽香浓",
    summaryEn: "Traditionally pressed, full of rapeseed aroma",
    descriptionZh: "用本村种植的油菜籽,物理压榨、自然沉淀,不添加任何添加剂。",
    descriptionEn: "Pressed from the village's own rapeseed, settled naturally, with nothing added.",
    ...daliu,
    harvestBatch: "2026 春榨",
    harvestedOn: "2026-05-20",
    certifications: ["pollution_free"],
    variants: [
      { sku: "OIL-2500", labelZh: "2.5L", labelEn: "2.5 L", priceFen: 7500, stock: 80, weightGrams: 2300 },
      { sku: "OIL-5000", labelZh: "5L", labelEn: "5 L", priceFen: 13800, stock: 40, weightGrams: 4600 },
    ],
  },
  {
    slug: "yaozhuang-yellow-peach",
    coopId: "coop_yaozhuang",
    category: "fruit",
    nameZh: "姚庄黄桃",
    nameEn: "Yaozhuang Yellow Peaches",
    namePinyin: "yaozhuang huangtao",
    summaryZh: "树上熟,果肉金黄,汁多味甜",
    summaryEn: "Tree-ripened, golden, juicy and sweet",
    descriptionZh: "锦绣黄桃品种,单果 200–300 克,清晨采摘,当天发往驿站。",
    descriptionEn: "Jinxiu variety, 200–300 g each, picked at dawn and sent to the stations the same day.",
    ...yaozhuang,
    harvestBatch: "2026 夏 第3批",
    harvestedOn: "2026-08-12",
    certifications: ["geo_indication"],
    variants: [
      { sku: "PEACH-2500", labelZh: "5斤装", labelEn: "2.5 kg box", priceFen: 5990, stock: 120, weightGrams: 2500 },
      { sku: "PEACH-5000", labelZh: "10斤装", labelEn: "5 kg box", priceFen: 9900, stock: 6, weightGrams: 5000 },
    ],
  },
  {
    slug: "yellow-peach-can",
    coopId: "coop_yaozhuang",
    category: "snack",
    nameZh: "黄桃罐头",
    nameEn: "Yellow Peaches in Syrup",
    namePinyin: "huangtao guantou",
    summaryZh: "当季黄桃,低糖糖水",
    summaryEn: "Seasonal peaches in light syrup",
    descriptionZh: "选用姚庄黄桃,去皮切块,低糖糖水玻璃瓶装,冰镇后风味更佳。",
    descriptionEn: "Yaozhuang peaches, peeled and halved, in light syrup in glass jars. Best chilled.",
    ...yaozhuang,
    harvestBatch: "2026 夏",
    harvestedOn: "2026-08-20",
    certifications: [],
    variants: [
      {
        sku: "PEACHCAN-6",
        labelZh: "425g×6 罐",
        labelEn: "6 × 425 g jars",
        priceFen: 4990,
        stock: 200,
        weightGrams: 3600,
      },
    ],
  },
  {
    slug: "xitang-bazhengao",
    coopId: "coop_xitang",
    category: "snack",
    nameZh: "西塘八珍糕",
    nameEn: "Xitang Bazhen Cake",
    namePinyin: "xitang bazhengao",
    summaryZh: "古镇老字号,八味食材蒸制",
    summaryEn: "A water-town classic, steamed from eight ingredients",
    descriptionZh: "以米粉为主,配山药、芡实、莲子、薏米、扁豆、茯苓、白糖与桂花,入口松软,米香清甜。",
    descriptionEn:
      "Rice flour with yam, fox nut, lotus seed, Job's tears, hyacinth bean, poria, sugar and osmanthus: soft, fragrant and lightly sweet.",
    ...xitang,
    harvestBatch: "每日现做",
    harvestedOn: "2026-11-26",
    certifications: [],
    variants: [
      { sku: "BAZHEN-200", labelZh: "袋装 200g", labelEn: "200 g bag", priceFen: 1880, stock: 150, weightGrams: 200 },
      {
        sku: "BAZHEN-400",
        labelZh: "礼盒 400g",
        labelEn: "400 g gift box",
        priceFen: 3800,
        stock: 90,
        weightGrams: 450,
      },
    ],
  },
  {
    slug: "xitang-zongzi",
    coopId: "coop_xitang",
    category: "snack",
    nameZh: "西塘手工粽子",
    nameEn: "Xitang Handmade Zongzi",
    namePinyin: "xitang zongzi",
    summaryZh: "箬叶包裹,鲜肉与蛋黄两种口味",
    summaryEn: "Wrapped in bamboo leaves: pork, or pork with egg yolk",
    descriptionZh: "糯米用本地新米,鲜肉腌制一夜,手工包扎,真空包装,蒸 10 分钟即食。",
    descriptionEn:
      "Local glutinous rice and pork marinated overnight, wrapped by hand and vacuum-packed. Steam for 10 minutes.",
    ...xitang,
    harvestBatch: "2026-11 批",
    harvestedOn: "2026-11-20",
    certifications: [],
    variants: [
      {
        sku: "ZONGZI-PORK",
        labelZh: "鲜肉粽 10只",
        labelEn: "Pork, 10 pieces",
        priceFen: 4990,
        stock: 100,
        weightGrams: 1400,
      },
      {
        sku: "ZONGZI-YOLK",
        labelZh: "蛋黄肉粽 10只",
        labelEn: "Pork & egg yolk, 10 pieces",
        priceFen: 5990,
        stock: 0,
        weightGrams: 1500,
      },
    ],
  },
  {
    slug: "pinghu-watermelon",
    coopId: "coop_pinghu",
    category: "fruit",
    nameZh: "平湖西瓜",
    nameEn: "Pinghu Watermelon",
    namePinyin: "pinghu xigua",
    summaryZh: "皮薄瓤红,清甜多汁",
    summaryEn: "Thin skin, red flesh, sweet and juicy",
    descriptionZh: "广陈镇大棚西瓜,单个约 4kg,成熟度检测后发货,破损包赔。",
    descriptionEn:
      "Greenhouse melons from Guangchen, about 4 kg each, checked for ripeness; damaged fruit is replaced.",
    ...pinghu,
    harvestBatch: "2026 秋棚",
    harvestedOn: "2026-11-18",
    certifications: ["geo_indication", "pollution_free"],
    variants: [
      {
        sku: "MELON-1",
        labelZh: "单个约4kg",
        labelEn: "One melon, ~4 kg",
        priceFen: 3990,
        stock: 50,
        weightGrams: 4000,
      },
      { sku: "MELON-2", labelZh: "两个装", labelEn: "Two melons", priceFen: 7500, stock: 25, weightGrams: 8000 },
    ],
  },
  {
    slug: "pinghu-sweet-corn",
    coopId: "coop_pinghu",
    category: "vegetable",
    nameZh: "平湖甜玉米",
    nameEn: "Pinghu Sweet Corn",
    namePinyin: "pinghu tianyumi",
    summaryZh: "生吃都甜的水果玉米",
    summaryEn: "Fruit corn sweet enough to eat raw",
    descriptionZh: "当天采摘的水果玉米,10 根装,冷链送到驿站。",
    descriptionEn: "Fruit corn picked the same day, 10 ears, cold-chained to the stations.",
    ...pinghu,
    harvestBatch: "2026-11 第2批",
    harvestedOn: "2026-11-25",
    certifications: [],
    variants: [{ sku: "CORN-10", labelZh: "10根装", labelEn: "10 ears", priceFen: 2990, stock: 70, weightGrams: 3000 }],
  },
  {
    slug: "xincheng-water-chestnut",
    coopId: "coop_xincheng",
    category: "vegetable",
    nameZh: "新塍水红菱",
    nameEn: "Xincheng Red Water Caltrops",
    namePinyin: "xincheng shuihongling",
    summaryZh: "嘉兴特产,生吃脆甜,熟食粉糯",
    summaryEn: "A Jiaxing speciality: crisp raw, floury cooked",
    descriptionZh: "火炬村河塘里采的水红菱,壳薄肉嫩,可生吃也可清水煮。",
    descriptionEn: "Red water caltrops from the ponds of Huoju village: thin-shelled and tender, eaten raw or boiled.",
    ...xincheng,
    harvestBatch: "2026 秋",
    harvestedOn: "2026-09-15",
    certifications: ["pollution_free"],
    variants: [{ sku: "LING-1000", labelZh: "1kg", labelEn: "1 kg", priceFen: 2680, stock: 40, weightGrams: 1000 }],
  },
  {
    slug: "xincheng-rice-wine",
    coopId: "coop_xincheng",
    category: "drink",
    nameZh: "火炬村甜米酒",
    nameEn: "Huoju Sweet Rice Wine",
    namePinyin: "huojucun tianmijiu",
    summaryZh: "糯米酿造,酒香清甜",
    summaryEn: "Brewed from glutinous rice, lightly sweet",
    descriptionZh: "用本地糯米和酒曲发酵,低度清甜,冬天温热饮用最佳。",
    descriptionEn: "Fermented from local glutinous rice; low in alcohol and lightly sweet, best warm in winter.",
    ...xincheng,
    harvestBatch: "2026 冬酿",
    harvestedOn: "2026-11-10",
    certifications: [],
    variants: [
      { sku: "MIJIU-1500", labelZh: "1.5L 坛装", labelEn: "1.5 L jar", priceFen: 3600, stock: 35, weightGrams: 1900 },
    ],
  },
];

export const demoStations = [
  {
    id: "stn_huimin",
    slug: "huimin-daliu",
    nameZh: "惠民街道大柳村网联驿站",
    nameEn: "Daliu Village Station, Huimin",
    townZh: "惠民街道",
    townEn: "Huimin",
    addressZh: "嘉善县惠民街道大柳村党群服务中心一楼",
    addressEn: "1F, Daliu Village Community Centre, Huimin, Jiashan",
    phone: "0573-84605678",
    opensAt: "08:00",
    closesAt: "20:00",
    cutoffTime: "22:00",
    lat: 30.8702,
    lng: 120.9786,
  },
  {
    id: "stn_xitang",
    slug: "xitang-town",
    nameZh: "西塘镇网联驿站",
    nameEn: "Xitang Town Station",
    townZh: "西塘镇",
    townEn: "Xitang",
    addressZh: "嘉善县西塘镇南苑西路 68 号",
    addressEn: "68 Nanyuan West Road, Xitang, Jiashan",
    phone: "0573-84565678",
    opensAt: "08:30",
    closesAt: "20:30",
    cutoffTime: "22:00",
    lat: 30.9412,
    lng: 120.8886,
  },
  {
    id: "stn_yaozhuang",
    slug: "yaozhuang-town",
    nameZh: "姚庄镇网联驿站",
    nameEn: "Yaozhuang Town Station",
    townZh: "姚庄镇",
    townEn: "Yaozhuang",
    addressZh: "嘉善县姚庄镇新姚公路 18 号",
    addressEn: "18 Xinyao Road, Yaozhuang, Jiashan",
    phone: "0573-84785678",
    opensAt: "07:30",
    closesAt: "19:30",
    cutoffTime: "21:00",
    lat: 30.9135,
    lng: 121.0335,
  },
  {
    id: "stn_xincheng",
    slug: "xincheng-town",
    nameZh: "新塍镇网联驿站",
    nameEn: "Xincheng Town Station",
    townZh: "新塍镇",
    townEn: "Xincheng",
    addressZh: "嘉兴市秀洲区新塍镇火炬村党群服务中心",
    addressEn: "Huoju Village Community Centre, Xincheng, Xiuzhou",
    phone: "0573-83735678",
    opensAt: "08:00",
    closesAt: "19:00",
    cutoffTime: "22:00",
    lat: 30.8343,
    lng: 120.6404,
  },
  {
    id: "stn_luoxing",
    slug: "luoxing-jiashan",
    nameZh: "罗星街道网联驿站",
    nameEn: "Luoxing Station, Jiashan",
    townZh: "罗星街道",
    townEn: "Luoxing",
    addressZh: "嘉善县罗星街道体育南路 301 号",
    addressEn: "301 Tiyu South Road, Luoxing, Jiashan",
    phone: "0573-84015678",
    opensAt: "09:00",
    closesAt: "21:00",
    cutoffTime: "22:00",
    lat: 30.8309,
    lng: 120.9262,
  },
] as const;

export const demoUsers = [
  { id: "usr_demo_buyer", email: "buyer@example.com", phone: "13800000001", name: "张小禾", memberships: [] },
  {
    id: "usr_demo_coop",
    email: "coop@example.com",
    phone: "13800000002",
    name: "富志刚",
    memberships: [{ kind: "coop", scopeId: "coop_daliu" }],
  },
  {
    id: "usr_demo_streamer",
    email: "streamer@example.com",
    phone: "13800000003",
    name: "小柳主播",
    memberships: [{ kind: "streamer" }],
  },
  {
    id: "usr_demo_station",
    email: "station@example.com",
    phone: "13800000004",
    name: "沈美华",
    memberships: [{ kind: "station", scopeId: "stn_huimin" }],
  },
  {
    id: "usr_demo_admin",
    email: "admin@example.com",
    phone: "13800000005",
    name: "平台管理员",
    memberships: [{ kind: "admin" }],
  },
] as const;
