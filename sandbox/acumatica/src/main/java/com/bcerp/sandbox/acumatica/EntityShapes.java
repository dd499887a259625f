package com.bcerp.sandbox.acumatica;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of the entities the sandbox simulates, with their kinds, as the Default/24.200.001 contract defines them
 * (a test checks this table against the vendor's OpenAPI file, so it cannot drift). The sandbox uses it to reject what
 * a real instance would not understand: flat values, unknown fields, wrong value types.
 *
 * <p>Kinds: {@code s d b t i g} are StringValue, DecimalValue, BooleanValue, DateTimeValue, IntValue (and ShortValue),
 * GuidValue; a capitalised name is a linked entity the sandbox simulates, {@code [Name} a detail collection of it;
 * {@code ?} and {@code [?} are linked entities and collections the sandbox accepts and stores but does not simulate.
 */
final class EntityShapes {

    /** The kind of one field. */
    public sealed interface Kind {}

    /** A general field, wrapped as {@code {"value": ...}}. */
    public record Value(ValueType type) implements Kind {}

    /** A linked entity (one object) or a detail collection (an array of objects) of a simulated shape. */
    public record Nested(String shape, boolean collection) implements Kind {}

    /** A linked entity or collection outside the simulation: accepted and kept as sent. */
    public record Opaque(boolean collection) implements Kind {}

    public enum ValueType { STRING, DECIMAL, BOOLEAN, DATETIME, INT, GUID }

    /** One entity's fields, in contract order. */
    public record Shape(String name, Map<String, Kind> fields) {

        public Optional<Kind> field(String field) {
            return Optional.ofNullable(fields.get(field));
        }
    }

    /** Fields every entity may carry besides its own (the contract's {@code Entity} base). */
    public static final java.util.Set<String> SYSTEM_FIELDS = java.util.Set.of("id", "rowNumber", "note", "custom", "error",
            "files", "delete", "_links");

    private static final Map<String, String> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("SalesOrder", """
                Approved:b BaseCurrencyID:s BillToAddress:Address BillToAddressOverride:b BillToAddressValidated:b
                BillToContact:DocContact BillToContactOverride:b Branch:s CashAccount:s Commissions:? ContactID:s
                ControlTotal:d CreditHold:b CurrencyID:s CurrencyRate:d CurrencyRateTypeID:s CustomerID:s CustomerOrder:s
                Date:t Description:s DestinationWarehouseID:s Details:[SalesOrderDetail DisableAutomaticDiscountUpdate:b
                DisableAutomaticTaxCalculation:b DiscountDetails:[? EffectiveDate:t ExternalRef:s FinancialSettings:FinancialSettings
                Hold:b IsTaxValid:b LastModified:t LocationID:s MaxRiskScore:d OrderedQty:d OrderNbr:s OrderRisks:[?
                OrderTotal:d OrderType:s PaymentMethod:s Payments:[? PreferredWarehouseID:s Project:s ReciprocalRate:d
                Relations:[? RequestedOn:t Shipments:[SalesOrderShipment ShippingSettings:ShippingSettings ShipToAddress:Address
                ShipToAddressOverride:b ShipToAddressValidated:b ShipToContact:DocContact ShipToContactOverride:b ShipVia:s
                Status:s TaxDetails:[TaxDetail TaxTotal:d Totals:Totals VATExemptTotal:d VATTaxableTotal:d
                ExternalOrderOriginal:b ExternalRefundRef:s WillCall:b PaymentRef:s NoteID:g UsrExternalOrderOriginal:b
                ExternalOrderOrigin:s ExternalOrderSource:s TaxCalcMode:s CreatedDate:t""");
        TABLE.put("SalesOrderDetail", """
                Account:s Allocations:[? AlternateID:s Amount:d AutoCreateIssue:b AverageCost:d Branch:s
                CalculateDiscountsOnImport:b Commissionable:b Completed:b CostCode:s CustomerOrderNbr:s DiscountAmount:d
                DiscountCode:s DiscountedUnitPrice:d DiscountPercent:d ExtendedPrice:d FreeItem:b InventoryID:s
                InvoiceLineNbr:i InvoiceNbr:s InvoiceType:s LastModifiedDate:s LineDescription:s LineNbr:i LineType:s
                Location:s ManualDiscount:b MarkForPO:b OpenQty:d Operation:s OrderQty:d OvershipThreshold:d POSource:s
                ProjectTask:s PurchaseWarehouse:s PurchasingDetails:[? VendorID:s QtyOnShipments:d ReasonCode:s
                RequestedOn:t SalespersonID:s SchedOrderDate:t ShipOn:t ShippingRule:s ShipToLocation:s Subitem:s
                TaxCategory:s TaxZone:s UnbilledAmount:d UndershipThreshold:d UnitCost:d UnitPrice:d UOM:s WarehouseID:s
                AssociatedOrderLineNbr:i GiftMessage:s ManualPrice:b LotSerialNbr:s NoteID:g ExternalRef:s""");
        TABLE.put("Address", "AddressLine1:s AddressLine2:s City:s Country:s PostalCode:s State:s Validated:b");
        TABLE.put("DocContact", "Attention:s BusinessName:s Email:s Phone1:s");
        TABLE.put("ShippingSettings", """
                CancelByDate:t Canceled:b FOBPoint:s GroundCollect:b Insurance:b PreferredWarehouseID:s Priority:i
                ResidentialDelivery:b SaturdayDelivery:b ScheduledShipmentDate:t ShippingRule:s ShippingTerms:s
                ShippingZone:s ShipSeparately:b ShipVia:s ShopForRates:? UseCustomersAccount:b FreightPrice:d
                FreightCost:d FreightCostIsuptodate:b FreightTaxCategory:s OrderVolume:d OrderWeight:d
                OverrideFreightPrice:b PackageWeight:d PremiumFreight:d""");
        TABLE.put("TaxDetail", """
                CustomerTaxZone:s IncludeInVATExemptTotal:b LineNbr:i OrderNbr:s OrderType:s PendingVAT:b RecordID:i
                ReverseVAT:b StatisticalVAT:b TaxableAmount:d TaxAmount:d TaxID:s TaxRate:d TaxType:s""");
        TABLE.put("Totals", """
                DiscountTotal:d LineTotalAmount:d MiscTotalAmount:d TaxTotal:d UnbilledAmount:d UnbilledQty:d
                UnpaidBalance:d Freight:d FreightCost:d FreightCostIsuptodate:b FreightTaxCategory:s OrderVolume:d
                OrderWeight:d PackageWeight:d PremiumFreight:d OverrideFreightAmount:b""");
        TABLE.put("FinancialSettings", """
                BillSeparately:b Branch:s CashDiscountDate:t CustomerTaxZone:s DueDate:t EntityUsageType:s InvoiceDate:t
                InvoiceNbr:s OriginalOrderNbr:s OriginalOrderType:s OverrideTaxZone:b Owner:s PostPeriod:s Terms:s""");
        TABLE.put("Payment", """
                ApplicationDate:t ApplicationHistory:[? AppliedToDocuments:d Branch:s CardAccountNbr:i CashAccount:s
                Charges:[? CreditCardProcessingInfo:[? CurrencyID:s CustomerID:s Description:s DocumentsToApply:[PaymentDetail Hold:b
                IsCCPayment:b OrdersToApply:[PaymentOrderDetail PaymentAmount:d PaymentMethod:s PaymentRef:s ReferenceNbr:s
                Status:s Type:s LastModifiedDateTime:t ProcessingCenterID:s SaveCard:b CreditCardTransactionInfo:[?
                ExternalRef:s OrigTransaction:s BranchID:s CustomerLocationID:s IsNewCard:b NoteID:g AvailableBalance:d
                AppliedToOrders:d""");
        TABLE.put("PaymentOrderDetail", "AppliedToOrder:d OrderNbr:s OrderType:s");
        TABLE.put("PaymentDetail", """
                AmountPaid:d BalanceWriteOff:d CashDiscountTaken:d CustomerOrder:s Description:s DocLineNbr:i DocType:s
                ReferenceNbr:s WriteOffReasonCode:s""");
        TABLE.put("Customer", """
                AccountRef:s ApplyOverdueCharges:b Attributes:[AttributeValue AutoApplyPayments:b BAccountID:i
                BillingAddressOverride:b BillingContact:Contact BillingContactOverride:b Contacts:[? CreatedDateTime:t
                CreditVerificationRules:? CurrencyID:s CurrencyRateType:s CustomerClass:s CustomerID:s CustomerCategory:s
                CustomerName:s Email:s EnableCurrencyOverride:b EnableRateOverride:b EnableWriteOffs:b FOBPoint:s
                LastModifiedDateTime:t LeadTimedays:i LocationName:s MainContact:Contact MultiCurrencyStatements:b
                OrderPriority:i ParentRecord:s PaymentInstructions:[? PriceClassID:s PrimaryContact:Contact
                PrimaryContactID:i PrintDunningLetters:b PrintInvoices:b PrintStatements:b ResidentialDelivery:b
                Salespersons:[? SaturdayDelivery:b SendDunningLettersbyEmail:b SendInvoicesbyEmail:b
                SendStatementsbyEmail:b ShippingAddressOverride:b ShippingBranch:s ShippingContact:Contact
                ShippingContactOverride:b ShippingRule:s ShippingTerms:s ShippingZoneID:s ShipVia:s StatementCycleID:s
                StatementType:s Status:s TaxRegistrationID:s TaxZone:s Terms:s WarehouseID:s WriteOffLimit:d
                RestrictVisibilityTo:s CreditLimit:d NoteID:g EntityUsageType:s TaxExemptionNumber:s IsGuestCustomer:b""");
        TABLE.put("Contact", """
                Active:b Activities:[? Address:Address OverrideAccountAddress:b AddressValidated:b Attention:s
                Attributes:[AttributeValue BusinessAccount:s Campaigns:[? Cases:[? CompanyName:s ContactClass:s ContactID:i
                ContactMethod:s ConvertedBy:s DateOfBirth:t DisplayName:s DoNotCall:b DoNotEmail:b DoNotFax:b DoNotMail:b
                Duplicate:s DuplicateFound:b Duplicates:[? Email:s Fax:s FaxType:s FirstName:s Gender:s Image:s
                JobTitle:s LanguageOrLocale:s LastIncomingActivity:t LastModifiedDateTime:t LastName:s
                LastOutgoingActivity:t MaritalStatus:s MarketingLists:[? MiddleName:s NoMarketing:b NoMassMail:b
                Notifications:[? Opportunities:[? Owner:s OwnerEmployeeName:s ParentAccount:s Phone1:s Phone1Type:s
                Phone2:s Phone2Type:s Phone3:s Phone3Type:s QualificationDate:t Reason:s Relations:[? RoleAssignments:[?
                Source:s SourceCampaign:s SpouseOrPartnerName:s Status:s Synchronize:b Title:s Type:s UserInfo:?
                WebSite:s Workgroup:s WorkgroupDescription:s NoteID:g FullName:s ExtRefNbr:s""");
        // stock and catalogue (issue 5)
        TABLE.put("StockItem", """
                ABCCode:s Attributes:[AttributeValue AutoIncrementalValue:s AverageCost:d BaseUOM:s Boxes:[? Categories:[?
                COGSAccount:s COGSSubaccount:s Content:s CountryOfOrigin:s CrossReferences:[? CurrentStdCost:d
                DefaultIssueLocationID:s DefaultPrice:d DefaultReceiptLocationID:s DefaultSubitem:s DefaultWarehouseID:s
                DeferralAccount:s DeferralSubaccount:s Description:s DimensionVolume:d DimensionWeight:d DiscountAccount:s
                DiscountSubaccount:s ImageUrl:s InventoryAccount:s InventoryID:s InventorySubaccount:s IsAKit:b ItemClass:s
                ItemStatus:s ItemType:s LandedCostVarianceAccount:s LandedCostVarianceSubaccount:s LastCost:d LastModified:t
                LastModifiedDateTime:t LastStdCost:d LotSerialClass:s Markup:d MaxCost:d MinCost:d MinMarkup:d MSRP:d
                PackagingOption:s PackSeparately:b PendingStdCost:d POAccrualAccount:s POAccrualSubaccount:s PostingClass:s
                PriceClass:s PriceManager:s PriceWorkgroup:s ProductManager:s ProductWorkgroup:s PurchasePriceVarianceAccount:s
                PurchasePriceVarianceSubaccount:s PurchaseUOM:s ReasonCodeSubaccount:s ReplenishmentParameters:[? SalesAccount:s
                SalesSubaccount:s SalesUOM:s StandardCostRevaluationAccount:s StandardCostRevaluationSubaccount:s
                StandardCostVarianceAccount:s StandardCostVarianceSubaccount:s SubjectToCommission:b TaxCategory:s TariffCode:s
                UOMConversions:[InventoryItemUOMConversion UseOnEntry:b ValuationMethod:s VendorDetails:[? VolumeUOM:s
                WarehouseDetails:[StockItemWarehouseDetail WeightUOM:s CurySpecificMSRP:d CurySpecificPrice:d Availability:s
                CustomURL:s ExportToExternal:b FileURLs:[? MetaDescription:s MetaKeywords:s NoteID:g PageTitle:s
                SearchKeywords:s TemplateItemID:s Visibility:s NotAvailable:s""");
        TABLE.put("InventoryItemUOMConversion", """
                ConversionFactor:d FromUOM:s MultiplyOrDivide:s ToUOM:s""");
        TABLE.put("StockItemWarehouseDetail", """
                DailyDemandForecast:d DailyDemandForecastErrorSTDEV:d DefaultIssueLocationID:s DefaultReceiptLocationID:s
                InventoryAccount:s InventorySubaccount:s IsDefault:b LastForecastDate:t Override:b OverridePreferredVendor:b
                OverrideReplenishmentSettings:b OverrideStdCost:b PreferredVendor:s PriceOverride:b ProductManager:s
                ProductWorkgroup:s QtyOnHand:d ReplenishmentSource:s ReplenishmentWarehouse:s Seasonality:s ServiceLevel:d
                Status:s WarehouseID:s""");
        TABLE.put("AttributeValue", """
                AttributeID:s AttributeDescription:s IsActive:b RefNoteID:g Required:b Value:s ValueDescription:s""");
        TABLE.put("TemplateItems", """
                SalesUOM:s CurySpecificMSRP:d CurySpecificPrice:d ItemClass:s Availability:s Attributes:[AttributeValue
                BaseUOM:s Categories:[? Content:s CurrentStdCost:d CustomURL:s DefaultIssueLocationID:s DefaultPrice:d
                Description:s DimensionWeight:d ExportToExternal:b FileURLs:[? InventoryID:s IsStockItem:b ItemStatus:s
                LastModified:t LastModifiedDateTime:t Matrix:[MatrixItems MetaDescription:s MSRP:d PageTitle:s SearchKeywords:s
                TaxCategory:s Visibility:s WeightUOM:s MetaKeywords:s RequireShipment:b NotAvailable:s VendorDetails:[?""");
        TABLE.put("MatrixItems", """
                DefaultPrice:d Description:s InventoryID:s MSRP:d ItemStatus:s ExportToExternal:b""");
        TABLE.put("Warehouse", """
                Active:b COGSExpenseAccount:s COGSExpenseSubaccount:s Description:s DiscountAccount:s DiscountSubaccount:s
                DropShipLocationID:s FreightChargeAccount:s FreightChargeSubaccount:s InventoryAccount:s InventorySubaccount:s
                LandedCostVarianceAccount:s LandedCostVarianceSubaccount:s LastModifiedDateTime:t Locations:[?
                MiscChargeAccount:s MiscChargeSubaccount:s NonStockPickingLocationID:s OverrideInventoryAccountSubaccount:b
                POAccrualAccount:s POAccrualSubaccount:s PurchasePriceVarianceAccount:s PurchasePriceVarianceSubaccount:s
                ReasonCodeSubaccount:s ReceivingLocationID:s RMALocationID:s SalesAccount:s SalesSubaccount:s
                ShippingLocationID:s StandardCostRevaluationAccount:s StandardCostRevaluationSubaccount:s
                StandardCostVarianceAccount:s StandardCostVarianceSubaccount:s UseItemDefaultLocationForPicking:b WarehouseID:s""");
        TABLE.put("ItemWarehouse", """
                CreatedDateTime:t DefaultIssueFrom:s DefaultReceiptTo:s DefaultSubitem:s InventoryAccount:s InventoryID:s
                InventorySubaccount:s LastModifiedDateTime:t MaxQty:d MSRP:d OverrideInventoryAccountSubaccount:b
                OverridePreferredVendor:b OverridePrice:b OverrideReplenishmentSettings:b OverrideServiceLevel:b
                OverrideStandardCost:b OverrideProductManager:b OverrideMaxQty:b OverrideReorderPoint:b OverrideSafetyStock:b
                PreferredLocation:s PreferredVendor:s ProductManager:s ProductWorkgroup:s ReorderPoint:d ReplenishmentClass:s
                ReplenishmentMethod:s ReplenishmentSource:s ReplenishmentWarehouse:s SafetyStock:d Seasonality:s ServiceLevel:d
                Status:s WarehouseID:s""");
        TABLE.put("InventorySummaryInquiry", """
                ExpandByLotSerialNbr:b InventoryID:s LocationID:s Results:[InventorySummaryRow Subitem:s WarehouseID:s""");
        TABLE.put("InventorySummaryRow", """
                BaseUOM:s EstimatedTotalCost:d EstimatedUnitCost:d ExpirationDate:t LocationID:s LotSerialNbr:s QtyAvailable:d
                QtyAvailableForShipment:d QtyNotAvailable:d QtyOnHand:d Subitem:s WarehouseID:s""");
        TABLE.put("InventoryQuantityAvailable", """
                InventoryID:s Results:[InventoryQuantityAvailableDetail LastModifiedDateTime:t""");
        TABLE.put("InventoryQuantityAvailableDetail", """
                InventoryID:s LastModifiedDateTime:t QtyAvailable:d""");
        TABLE.put("KitSpecification", """
                Active:b Description:s IsNonStock:b KitInventoryID:s LastModifiedDateTime:t NonStockComponents:[? RevisionID:s
                StockComponents:[KitStockComponent""");
        TABLE.put("KitStockComponent", """
                AllowComponentQtyVariance:b ComponentQty:d MaxComponentQty:d MinComponentQty:d StockInventoryID:s Subitem:s
                UOM:s""");
        // tax zones (issue 12, item 5)
        TABLE.put("TaxZone", """
                ApplicableTaxes:[TaxZoneApplicableTaxDetail CreatedDateTime:t Description:s LastModifiedDateTime:t
                TaxZoneID:s""");
        TABLE.put("TaxZoneApplicableTaxDetail", """
                TaxID:s""");
        // setup records the config maps codes to, read by the pre-flight check (issue 16)
        TABLE.put("Tax", """
                CalculateOn:s CashDiscount:s CreatedDateTime:t DeductibleVAT:b Description:s EnterFromTaxBill:b
                ExcludeFromTaxonTaxCalculation:b IncludeInVATExemptTotal:b IncludeInVATTaxableTotal:b LastModifiedDateTime:t
                NotValidAfter:t PendingVAT:b ReverseVAT:b StatisticalVAT:b TaxAgency:s TaxClaimableAccount:s
                TaxClaimableSubaccount:s TaxExpenseAccount:s TaxExpenseSubaccount:s TaxID:s TaxPayableAccount:s
                TaxPayableSubaccount:s TaxSchedule:[? TaxType:s Zones:[?""");
        TABLE.put("PaymentMethod", """
                Active:b AllowedCashAccounts:[PaymentMethodAllowedCashAccountDetail CreatedDateTime:t Description:s
                IntegratedProcessing:b LastModifiedDateTime:t MeansOfPayment:s PaymentMethodID:s ProcessingCenters:[?
                RequireRemittanceInformationforCashAccount:b UseInAP:b UseInAR:b UseInPR:b
                SetPaymentDatetoBankTransactionDate:b SettingsForPR:?""");
        TABLE.put("PaymentMethodAllowedCashAccountDetail", """
                APDefault:b APLastRefNbr:s APSuggestNextNbr:b ARDefault:b ARDefaultForRefund:b ARLastRefNbr:s
                ARSuggestNextNbr:b BatchLastRefNbr:s Branch:s CashAccount:s Description:s PaymentMethod:s UseInAP:b UseInAR:b
                LastModifiedDateTime:t UseInPR:b""");
        TABLE.put("CustomerClass", """
                ApplyOverdueCharges:b ARAccount:s ARSubaccount:s Attributes:[? AutoApplyPayments:b CashDiscountAccount:s
                CashDiscountSubaccount:s ClassID:s COGSAccount:s COGSSubaccount:s Country:s CreatedDateTime:t
                CreditDaysPastDue:i CreditLimit:d CreditVerification:s CurrencyID:s CurrencyRateType:s
                DefaultLocationIDfromBranch:b DefaultRestrictionGroup:s Description:s DiscountAccount:s DiscountSubaccount:s
                EnableCurrencyOverride:b EnableRateOverride:b EnableWriteOffs:b EntityUsageType:s FreightAccount:s
                FreightSubaccount:s GroupDocumentDiscountLimit:d LastModifiedDateTime:t MiscAccount:s MiscSubaccount:s
                MultiCurrencyStatements:b OverdueChargeID:s OverLimitAmount:d PaymentMethod:s PrepaymentAccount:s
                PrepaymentSubaccount:s PrintDunningLetters:b PrintInvoices:b PrintStatements:b RequireEntityUsageType:b
                RequireTaxZone:b SalesAccount:s SalespersonID:s SalesSubaccount:s SendDunningLettersbyEmail:b
                SendInvoicesbyEmail:b SendStatementsByEmail:b ShippingRule:s ShippingTerms:s ShipVia:s StatementCycleID:s
                StatementType:s TaxZoneID:s Terms:s UnrealizedGainAccount:s UnrealizedGainSubaccount:s UnrealizedLossAccount:s
                UnrealizedLossSubaccount:s WriteOffLimit:d""");
        TABLE.put("CustomerPriceClass", """
                CreatedDateTime:t Description:s LastModifiedDateTime:t PriceClassID:s NoteID:g""");
        TABLE.put("ShipVia", """
                CalculationMethod:s Calendar:s CarrierID:s CommonCarrier:b Description:s FreightExpenseAccount:s
                FreightExpenseSubaccount:s FreightRates:[? FreightSalesAccount:s FreightSalesSubaccount:s Packages:[?
                TaxCategory:s""");
        TABLE.put("CompaniesStructure", """
                Results:[CompaniesStructureDetail""");
        TABLE.put("CompaniesStructureDetail", """
                BaseCurrencyID:s BranchCountry:s BranchID:s BranchName:s BranchStatus:b CompanyID:s CompanyName:s
                CompanyStatus:b CompanyType:s""");
        // documents that move stock (issue 12): receipts, issues, adjustments, transfers, kit assemblies
        TABLE.put("InventoryReceipt", """
                ControlCost:d ControlQty:d Date:t Description:s Details:[InventoryReceiptDetail Hold:b
                LastModifiedDateTime:t PostPeriod:s ReferenceNbr:s Status:s TotalCost:d TotalQty:d TransferNbr:s""");
        TABLE.put("InventoryReceiptDetail", """
                Allocations:[? CostCode:s CostLayerType:s Description:s ExpirationDate:t ExtCost:d InventoryID:s
                LineNumber:i Location:s LotSerialNbr:s POReceiptNbr:s Project:s ProjectTask:s ReasonCode:s Qty:d
                SpecialOrderNbr:s Subitem:s UnitCost:d UOM:s WarehouseID:s""");
        TABLE.put("InventoryIssue", """
                ControlAmount:d ControlQty:d Date:t Description:s Details:[InventoryIssueDetail ExternalRef:s
                LastModifiedDateTime:t PostPeriod:s ReferenceNbr:s Status:s TotalAmount:d TotalCost:d TotalQty:d""");
        TABLE.put("InventoryIssueDetail", """
                Allocations:[? Branch:s CostCode:s CostLayerType:s Description:s ExpirationDate:t ExtCost:d ExtPrice:d
                InventoryID:s LineNumber:i Location:s LotSerialNbr:s Project:s ProjectTask:s Qty:d ReasonCode:s
                SpecialOrderNbr:s Subitem:s TranType:s UnitCost:d UnitPrice:d UOM:s WarehouseID:s""");
        TABLE.put("InventoryAdjustment", """
                Date:t Description:s Details:[InventoryAdjustmentDetail ExternalRef:s Hold:b LastModifiedDateTime:t
                ReferenceNbr:s Status:s TotalCost:d TotalQty:d""");
        TABLE.put("InventoryAdjustmentDetail", """
                BranchID:s CostCode:s CostLayerType:s Description:s ExpirationDate:t ExtendedCost:d InventoryID:s
                LocationID:s LotSerialNbr:s Project:s ProjectTask:s Qty:d ReasonCode:s ReceiptNbr:s SpecialOrderNbr:s
                Subitem:s UOM:s WarehouseID:s""");
        TABLE.put("TransferOrder", """
                Date:t Description:s Details:[TransferOrderDetail ExternalRef:s FromWarehouseID:s Hold:b
                LastModifiedDateTime:t PostPeriod:s ReferenceNbr:s Status:s TotalQty:d ToWarehouseID:s TransferType:s""");
        TABLE.put("TransferOrderDetail", """
                Allocations:[? CostCode:s Description:s ExpirationDate:t FromLocationID:s InventoryID:s LineNbr:i
                LotSerialNbr:s Project:s ProjectTask:s Qty:d ReasonCode:s SpecialOrderNbr:s Subitem:s ToLocationID:s
                ToCostCode:s ToCostLayerType:s ToProject:s ToProjectTask:s ToSpecialOrderNbr:s UOM:s""");
        TABLE.put("KitAssembly", """
                Allocations:[? Date:t Description:s Hold:b KitInventoryID:s LocationID:s NonStockComponents:[? PostPeriod:s
                Qty:d LastModifiedDateTime:t ReasonCode:s ReferenceNbr:s Revision:s Status:s
                StockComponents:[KitAssemblyStockComponent Subitem:s Type:s UOM:s WarehouseID:s""");
        TABLE.put("KitAssemblyStockComponent", """
                Allocations:[? ComponentQty:d LineNbr:i LocationID:s Qty:d ReasonCode:s StockInventoryID:s Subitem:s
                UnitCost:d UOM:s""");
        // sales prices (issue 17, item 3): worksheets that enter prices, and the Sales Prices inquiry (AR202000)
        TABLE.put("SalesPriceWorksheet", """
                CreatedDateTime:t Description:s EffectiveDate:t ExpirationDate:t Hold:b LastModifiedDateTime:t
                OverwriteOverlappingPrices:b ReferenceNbr:s SalesPrices:[SalesPricesWorksheetDetail Status:s""");
        TABLE.put("SalesPricesWorksheetDetail", """
                BreakQty:d CurrencyID:s Description:s InventoryID:s LineID:i PendingPrice:d PriceCode:s PriceType:s
                ReferenceNbr:s SourcePrice:d Tax:s UOM:s""");
        TABLE.put("SalesPricesInquiry", """
                EffectiveAsOf:t InventoryID:s ItemClassID:s PriceClass:s PriceCode:s PriceManager:s PriceManagerIsMe:b
                PriceType:s PriceWorkgroup:s PriceWorkgroupIsMine:b SalesPriceDetails:[SalesPriceDetail
                TaxCalculationMode:s""");
        TABLE.put("SalesPriceDetail", """
                BreakQty:d CreatedDateTime:t CurrencyID:s Description:s EffectiveDate:t ExpirationDate:t InventoryID:s
                LastModifiedDateTime:t Price:d PriceCode:s PriceType:s Promotion:b RecordID:i Tax:s UOM:s NoteID:g
                Warehouse:s TaxCalculationMode:s""");
        // fulfilment (issue 6)
        TABLE.put("Shipment", """
                BaseCurrencyID:s ControlQty:d CreatedDateTime:t CurrencyRate:d CurrencyRateTypeID:s CurrencyViewState:b
                CustomerID:s CreateNewShipmentForEveryOrder:b Details:[ShipmentDetail Description:s EffectiveDate:t
                FOBPoint:s OverrideFreightPrice:b FreightPrice:d FreightCost:d FreightCurrencyID:s GroundCollect:b Hold:b
                Insurance:b LastModifiedDateTime:t LocationID:s Operation:s Orders:[ShipmentOrderDetail Owner:s
                PackageCount:i Packages:[ShipmentPackage PackageWeight:d Picked:b ReciprocalRate:d ResidentialDelivery:b
                SaturdayDelivery:b ShipmentDate:t ShipmentNbr:s ShippedQty:d ShippedVolume:d ShippedWeight:d
                ShippingSettings:? ShippingTerms:s ShippingZoneID:s ShipVia:s Status:s ToWarehouseID:s Type:s
                UnlimitedPackages:b UseCustomersAccount:b WarehouseID:s WorkgroupID:s NoteID:g""");
        TABLE.put("ShipmentDetail", """
                Allocations:[? Description:s ExpirationDate:t FreeItem:b InventoryID:s LineNbr:i LocationID:s LotSerialNbr:s
                OpenQty:d OrderedQty:d OrderLineNbr:i OrderNbr:s OrderType:s OriginalQty:d ReasonCode:s ShippedQty:d
                Subitem:s UOM:s WarehouseID:s""");
        TABLE.put("ShipmentPackage", """
                BoxID:s CODAmount:d Confirmed:b CustomRefNbr1:s CustomRefNbr2:s DeclaredValue:d Description:s TrackingNbr:s
                Type:s UOM:s Weight:d Length:d Width:d Height:d PackageContents:[? LineNbr:i NoteID:g""");
        TABLE.put("ShipmentOrderDetail", """
                InventoryDocType:s InventoryRefNbr:s InvoiceNbr:s InvoiceType:s OrderNbr:s OrderType:s ShipmentNbr:s
                ShipmentType:s ShippedQty:d ShippedVolume:d ShippedWeight:d OrderNoteID:g""");
        TABLE.put("SalesInvoice", """
                Amount:d ApplicationsCreditMemo:[SalesInvoiceApplicationCreditMemo ApplicationsInvoice:[SalesInvoiceApplicationInvoice Balance:d BillingSettings:? CashDiscount:d
                Commissions:? CreditHold:b Currency:s CustomerID:s CustomerOrder:s Date:t Description:s
                Details:[SalesInvoiceDetail DetailTotal:d DiscountDetails:[? DiscountTotal:d DueDate:t IsTaxValid:b
                FinancialDetails:? FreightDetails:[? FreightPrice:d Hold:b LastModifiedDateTime:t PaymentTotal:d Project:s
                ReferenceNbr:s Status:s TaxDetails:[SalesInvoiceTaxDetail TaxTotal:d Type:s VATExemptTotal:d VATTaxableTotal:d BillToAddress:?
                BillToAddressOverride:b BillToContact:? BillToContactOverride:b CreatedDate:t ExternalRef:s
                LastModifiedDate:t ShipToAddress:? ShipToAddressOverride:b ShipToContact:? ShipToContactOverride:b
                TaxCalcMode:s""");
        TABLE.put("SalesInvoiceDetail", """
                Account:s Amount:d BranchID:s CalculateDiscountsOnImport:b CostCode:s Description:s DiscountAmount:d
                DiscountPercent:d ExpirationDate:t ExternalRef:s InventoryDocType:s InventoryID:s InventoryRefNbr:s
                LineNbr:i Location:s LotSerialNbr:s ManualDiscount:b ManualPrice:b NoteID:g OrderLineNbr:i OrderNbr:s
                OrderType:s OrigInvLineNbr:i OrigInvNbr:s OrigInvType:s ProjectTask:s Qty:d ShipmentNbr:s SubAccount:s
                Subitem:s TaxCategory:s TransactionDescr:s UnitPrice:d UOM:s WarehouseID:s""");
        TABLE.put("SalesInvoiceTaxDetail", "TaxableAmount:d TaxAmount:d TaxID:s");
        TABLE.put("SalesInvoiceApplicationInvoice", """
                AdjustedDocReferenceNbr:s AdjustingDocReferenceNbr:s AdjustmentNbr:i AmountPaid:d Balance:d
                CashDiscountTaken:d Currency:s Customer:s Description:s DocType:s DocumentType:s PaymentDate:t
                PaymentPeriod:s PaymentRef:s Status:s""");
        TABLE.put("SalesInvoiceApplicationCreditMemo", """
                AmountPaid:d Balance:d Currency:s Customer:s CustomerOrder:s Date:t Description:s DocType:s PostPeriod:s
                ReferenceNbr:s Status:s""");
        TABLE.put("SalesOrderShipment", """
                InventoryDocType:s InventoryRefNbr:s InvoiceNbr:s InvoiceType:s ShipmentDate:t ShipmentNbr:s ShipmentType:s
                ShippedQty:d ShippedVolume:d ShippedWeight:d Status:s InventoryNoteID:g LastModifiedDateTime:t OrderNoteID:g
                ShippingNoteID:g""");
    }

    private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    static {
        TABLE.forEach((name, fields) -> SHAPES.put(name, new Shape(name, parse(fields))));
    }

    private EntityShapes() {}

    public static Shape get(String name) {
        Shape shape = SHAPES.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("the sandbox does not simulate entity " + name);
        }
        return shape;
    }

    public static Map<String, Shape> all() {
        return java.util.Collections.unmodifiableMap(SHAPES);
    }

    private static Map<String, Kind> parse(String table) {
        Map<String, Kind> fields = new LinkedHashMap<>();
        for (String entry : table.trim().split("\\s+")) {
            int colon = entry.indexOf(':');
            fields.put(entry.substring(0, colon), kind(entry.substring(colon + 1)));
        }
        return java.util.Collections.unmodifiableMap(fields);
    }

    private static Kind kind(String code) {
        boolean collection = code.startsWith("[");
        String rest = collection ? code.substring(1) : code;
        return switch (rest) {
            case "s" -> new Value(ValueType.STRING);
            case "d" -> new Value(ValueType.DECIMAL);
            case "b" -> new Value(ValueType.BOOLEAN);
            case "t" -> new Value(ValueType.DATETIME);
            case "i" -> new Value(ValueType.INT);
            case "g" -> new Value(ValueType.GUID);
            case "?" -> new Opaque(collection);
            default -> new Nested(rest, collection);
        };
    }
}
